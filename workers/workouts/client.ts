/**
 * The typed client other workers use to reach the workouts worker:
 *
 * ```ts
 * const workouts = createWorkoutsClient(deps.workouts, { requestId });
 * const found = await workouts.v1.exercises[":id"].$get({ param: { id: "barbell-back-squat" } });
 * ```
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import {
  createWorkerClient,
  type WorkerClientOptions,
} from "../../shared/bindings/worker_client.ts";
import type { WorkoutsApp } from "./mod.ts";

/** A typed client of the workouts worker behind `binding`, carrying the caller's request id. */
export function createWorkoutsClient(binding: ServiceBinding, options: WorkerClientOptions = {}) {
  return createWorkerClient<WorkoutsApp>(binding, options);
}

/** The workouts worker's client type. */
export type WorkoutsClient = ReturnType<typeof createWorkoutsClient>;
