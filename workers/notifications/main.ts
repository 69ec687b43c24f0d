/**
 * Deno Deploy entrypoint of the notifications worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import * as v from "valibot";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { apiKeyLookup } from "../auth/client.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { mailerFrom, notificationsEntries } from "./config.ts";
import { createNotificationsWorker } from "./mod.ts";

const env = Deno.env.toObject();
const config = parseConfig(v.object(notificationsEntries), env);

export default await bootDomainWorker(
  "notifications",
  env,
  (deps, peers) =>
    createNotificationsWorker({
      ...deps,
      deliveries: bootDeliveryVerifier("notifications", env),
      mailer: mailerFrom(config, deps.log),
      // The admins, for low_stock notifications.
      auth: peers.auth,
    }),
  { apiKeys: apiKeyLookup },
);
