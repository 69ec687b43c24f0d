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
import { authCalls } from "../auth/client.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { inProcessBinding } from "../../shared/bindings/service_binding.ts";
import { createInventoryWorker, expirySweepIntervalMs, startExpirySweeper } from "./mod.ts";

const env = Deno.env.toObject();

export default await bootDomainWorker(
  "inventory",
  env,
  (deps) => {
    const worker = createInventoryWorker({
      ...deps,
      cache: { enabled: env.FITCONNECT_CACHE !== "off" },
      deliveries: bootDeliveryVerifier("inventory", env),
    });
    // Where timers live (split); on Deno Deploy a cron calls the same route.
    startExpirySweeper(inProcessBinding(worker, { internalSecret: deps.internalSecret }), {
      intervalMs: expirySweepIntervalMs,
      log: deps.log,
    });
    return worker;
  },
  { authCalls },
);
