/**
 * Deno Deploy entrypoint of the workouts worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { createWorkoutsWorker } from "./mod.ts";

export default await bootDomainWorker("workouts", Deno.env.toObject(), createWorkoutsWorker);
