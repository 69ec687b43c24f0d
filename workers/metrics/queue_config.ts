/**
 * The queue as the metrics worker sees it when started on its own:
 *
 * - production (`QSTASH_TOKEN`): QStash's dead-letter queue, for the admin
 *   routes; producers publish to QStash themselves.
 * - split: the Deno KV queue of every producer, in
 *   `${FITCONNECT_DATA_DIR}/queue.sqlite3`, hosted here (a Deno KV queue is
 *   only listened to by the process that opened it) and signed with
 *   FITCONNECT_QUEUE_SIGNING_KEY, which the consumers verify with.
 *
 * @module
 */
import * as v from "valibot";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { type Env, parseConfig } from "../../shared/config/parse_config.ts";
import { bootQStashQueue } from "../../shared/runtime/event_relay.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { DeadLetters, MessageQueue } from "../../shared/queue/port.ts";
import type { Registry } from "prom-client";
import { createDenoKvQueue, openQueueKv } from "../../shared/queue/deno_kv_queue.ts";

const queueEntries = {
  FITCONNECT_QUEUE_SIGNING_KEY: v.optional(
    v.pipe(v.string(), v.minLength(32, "at least 32 characters")),
  ),
  FITCONNECT_DATA_DIR: v.optional(v.string(), ".data"),
};

/** What the metrics worker gets from the queue. */
export interface QueueAccess {
  deadLetters: DeadLetters;
  /** The hosted queue (split only). */
  hosted?: MessageQueue;
  registries: Registry[];
}

/** The queue for the metrics worker, from the environment; `consumers` are its peers. */
export async function bootQueueAccess(
  env: Env,
  consumers: Record<string, ServiceBinding>,
  log: Logger,
): Promise<QueueAccess> {
  const config = parseConfig(v.object(queueEntries), env);
  const qstash = bootQStashQueue(env);
  if (qstash) return { deadLetters: qstash.deadLetters, registries: [] };
  if (!config.FITCONNECT_QUEUE_SIGNING_KEY) {
    throw new Error(
      "Cannot host the queue: set FITCONNECT_QUEUE_SIGNING_KEY (or QSTASH_TOKEN in production)",
    );
  }
  const queue = createDenoKvQueue({
    kv: await openQueueKv(config.FITCONNECT_DATA_DIR),
    signingKey: config.FITCONNECT_QUEUE_SIGNING_KEY,
    consumers,
    log,
  });
  return { deadLetters: queue.deadLetters, hosted: queue, registries: [queue.metrics.registry] };
}
