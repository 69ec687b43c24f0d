/**
 * Deno Deploy entrypoint of the payments worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { parseConfig } from "../../shared/config/parse_config.ts";
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { authCalls } from "../auth/client.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { paymentsConfigSchema, providerFrom } from "./config.ts";
import { createPaymentsWorker } from "./mod.ts";
import { startIdempotencyPruning } from "./pruning.ts";

const env = Deno.env.toObject();
const provider = providerFrom(parseConfig(paymentsConfigSchema, env));

export default await bootDomainWorker(
  "payments",
  env,
  (deps, peers) => {
    const worker = createPaymentsWorker({
      ...deps,
      inventory: peers.inventory,
      self: peers.payments,
      provider,
      deliveries: bootDeliveryVerifier("payments", env),
    });
    // Offline events a previous process left undelivered go out now.
    void worker.deliverWebhooks().catch(() => {});
    startIdempotencyPruning(worker, deps.log);
    return worker;
  },
  { peers: ["inventory", "payments"], authCalls },
);
