/**
 * Deno Deploy entrypoint of the workouts worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { authCalls } from "../auth/client.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { createWorkoutsWorker } from "./mod.ts";

const env = Deno.env.toObject();

export default await bootDomainWorker(
  "workouts",
  env,
  (deps) =>
    createWorkoutsWorker({
      ...deps,
      cache: { enabled: env.FITCONNECT_CACHE !== "off" },
      deliveries: bootDeliveryVerifier("workouts", env),
    }),
  { authCalls },
);
