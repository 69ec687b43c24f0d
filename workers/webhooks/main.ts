/**
 * Deno Deploy entrypoint of the webhooks worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import * as v from "valibot";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { bootDeliveryVerifier } from "../../shared/runtime/deliveries.ts";
import { bootPublisher } from "../../shared/runtime/event_relay.ts";
import { webhooksEntries, webhooksOptionsFrom } from "./config.ts";
import { createWebhooksWorker } from "./mod.ts";

import { authCalls } from "../auth/client.ts";

const env = Deno.env.toObject();
const config = parseConfig(v.object(webhooksEntries), env);

export default await bootDomainWorker(
  "webhooks",
  env,
  (deps) =>
    createWebhooksWorker({
      ...deps,
      deliveries: bootDeliveryVerifier("webhooks", env),
      // Later attempts go to the same queue the outbox relay publishes to.
      queue: bootPublisher(env, deps.internalSecret),
      webhooks: webhooksOptionsFrom(config),
    }),
  { authCalls },
);
