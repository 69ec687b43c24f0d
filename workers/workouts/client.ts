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
import { workerClientFactory } from "../../shared/bindings/worker_client.ts";
import type { WorkoutsApp } from "./mod.ts";

/** A typed client of the workouts worker behind a binding, carrying the caller's request id. */
export const createWorkoutsClient = workerClientFactory<WorkoutsApp>();

/** The workouts worker's client type. */
export type WorkoutsClient = ReturnType<typeof createWorkoutsClient>;
