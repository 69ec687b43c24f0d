/**
 * Deno Deploy entrypoint of the notifications worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * Push receipts are read by calling `POST /internal/notifications/push-receipts`
 * on a schedule (see ./push_receipts.ts).
 *
 * @module
 */
import * as v from "valibot";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { authCalls } from "../auth/client.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { inProcessBinding } from "../../shared/bindings/service_binding.ts";
import { mailerFrom, notificationsEntries, pushFrom } from "./config.ts";
import { createNotificationsWorker } from "./mod.ts";
import { receiptCheckIntervalMs, startReceiptChecks } from "./push_receipts.ts";

const env = Deno.env.toObject();
const config = parseConfig(v.object(notificationsEntries), env);

export default await bootDomainWorker(
  "notifications",
  env,
  (deps, peers) => {
    const worker = createNotificationsWorker({
      ...deps,
      deliveries: bootDeliveryVerifier("notifications", env),
      mailer: mailerFrom(config, deps.log),
      push: pushFrom(config, deps.log),
      // The admins, for low_stock notifications.
      auth: peers.auth,
    });
    // Where timers live (split); on Deno Deploy a cron calls the same route.
    startReceiptChecks(inProcessBinding(worker, { internalSecret: deps.internalSecret }), {
      intervalMs: receiptCheckIntervalMs,
      log: deps.log,
    });
    return worker;
  },
  { authCalls },
);
