/**
 * The workouts worker owns the exercise catalog, workout plans and logged sessions with personal records.
 * Its tables live in the `workouts` Postgres schema (./tables.ts).
 *
 * @module
 */
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";

/** What the workouts worker needs. */
export type WorkoutsDeps = DomainDeps;

/** The workouts worker's Hono app; no side effects until it serves a request. */
export function createWorkoutsWorker(deps: WorkoutsDeps) {
  return createDomainApp("workouts", deps);
}

/** The app's type, for typed clients (`hc<WorkoutsApp>`). */
export type WorkoutsApp = ReturnType<typeof createWorkoutsWorker>;
