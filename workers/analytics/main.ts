/**
 * Deno Deploy entrypoint of the analytics worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { authCalls } from "../auth/client.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { createAnalyticsWorker } from "./mod.ts";

const env = Deno.env.toObject();

export default await bootDomainWorker(
  "analytics",
  env,
  (deps) => createAnalyticsWorker({ ...deps, deliveries: bootDeliveryVerifier("analytics", env) }),
  { authCalls },
);
