/**
 * Deno Deploy entrypoint of the inventory worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * Lapsed reservations are released by calling
 * `POST /internal/inventory/reservations/expire` on a schedule (see ./sweeper.ts).
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { createInventoryWorker } from "./mod.ts";

const env = Deno.env.toObject();

export default await bootDomainWorker(
  "inventory",
  env,
  (deps) =>
    createInventoryWorker({
      ...deps,
      cache: { enabled: env.FITCONNECT_CACHE !== "off" },
      deliveries: bootDeliveryVerifier("inventory", env),
    }),
);
