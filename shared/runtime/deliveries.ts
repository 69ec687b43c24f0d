/**
 * How a consumer worker started on its own (split, production) verifies the
 * queue's deliveries: QStash's signing keys in production, or the local key
 * the split launcher shares between the producers' Deno KV queues and the
 * consumers.
 *
 * @module
 */
import * as v from "valibot";
import { type Env, parseConfig } from "../config/parse_config.ts";
import { embeddedDeliveryUrl } from "../queue/deno_kv_queue.ts";
import { createDeliveryVerifier, type DeliveryVerifier } from "../queue/signature.ts";

const deliveryEntries = {
  QSTASH_CURRENT_SIGNING_KEY: v.optional(v.string()),
  QSTASH_NEXT_SIGNING_KEY: v.optional(v.string()),
  /** The split launcher's local signing key (Deno KV queues). */
  FITCONNECT_QUEUE_SIGNING_KEY: v.optional(
    v.pipe(v.string(), v.minLength(32, "at least 32 characters")),
  ),
};

const deliverySchema = v.pipe(
  v.object(deliveryEntries),
  v.forward(
    v.check(
      (config) =>
        !!(config.QSTASH_CURRENT_SIGNING_KEY && config.QSTASH_NEXT_SIGNING_KEY) ||
        !!config.FITCONNECT_QUEUE_SIGNING_KEY,
      "set (or QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY)",
    ),
    ["FITCONNECT_QUEUE_SIGNING_KEY"],
  ),
);

/** The verifier of `worker`'s `/queue/deliveries`, from the environment. */
export function bootDeliveryVerifier(worker: string, env: Env): DeliveryVerifier {
  const config = parseConfig(deliverySchema, env);
  if (config.QSTASH_CURRENT_SIGNING_KEY && config.QSTASH_NEXT_SIGNING_KEY) {
    // QStash signs the public URL it delivered to; the Receiver checks it.
    return createDeliveryVerifier({
      currentSigningKey: config.QSTASH_CURRENT_SIGNING_KEY,
      nextSigningKey: config.QSTASH_NEXT_SIGNING_KEY,
    });
  }
  const key = config.FITCONNECT_QUEUE_SIGNING_KEY!;
  return createDeliveryVerifier({
    currentSigningKey: key,
    nextSigningKey: key,
    url: embeddedDeliveryUrl(worker),
  });
}
