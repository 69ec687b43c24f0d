/**
 * Deno Deploy entrypoint of the notifications worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { createNotificationsWorker } from "./mod.ts";

const env = Deno.env.toObject();

export default await bootDomainWorker(
  "notifications",
  env,
  (deps) =>
    createNotificationsWorker({ ...deps, deliveries: bootDeliveryVerifier("notifications", env) }),
);
