/**
 * How a producer worker started on its own (split, production) publishes its
 * own outbox (the relay its factory offers, shared/events/outbox_relay.ts): a relay on an interval, publishing to QStash when `QSTASH_TOKEN` is
 * set (deliveries go to each consumer's `FITCONNECT_<NAME>_URL`), otherwise to
 * the Deno KV queue that the metrics worker hosts (`FITCONNECT_METRICS_URL`,
 * see shared/queue/remote_queue.ts).
 *
 * The relay runs while the process (or Deno Deploy isolate) lives; events it
 * has not published yet stay in the outbox for the next run, on any isolate.
 * Where isolates come and go, a cron posts to `relayPath` (internal secret
 * required) so nothing waits for the next request to start one.
 *
 * @module
 */
import * as v from "valibot";
import { type Env, millisecondsSetting, parseConfig, urlSetting } from "../config/parse_config.ts";
import { httpBinding } from "../bindings/service_binding.ts";
import { consumerWorkers } from "../events/subscriptions.ts";
import type { EventProducer } from "../events/outbox_relay.ts";
import type { MessageQueue } from "../queue/port.ts";
import { createQStashQueue, type QStashQueue } from "../queue/qstash_queue.ts";
import { createRemoteQueue } from "../queue/remote_queue.ts";
import { parsePeerUrls } from "./platform_config.ts";

const relayEntries = {
  QSTASH_TOKEN: v.optional(v.string()),
  /** QStash's API (default https://qstash.upstash.io). */
  QSTASH_URL: urlSetting(),
  /** How often the relay looks for new events. */
  FITCONNECT_RELAY_INTERVAL_MS: millisecondsSetting(200, 10),
};

/** The QStash queue (production), from the environment: deliveries go to each consumer's URL. */
export function bootQStashQueue(env: Env): QStashQueue | undefined {
  const config = parseConfig(v.object(relayEntries), env);
  if (!config.QSTASH_TOKEN) return undefined;
  return createQStashQueue({
    token: config.QSTASH_TOKEN,
    baseUrl: config.QSTASH_URL,
    consumerUrls: parsePeerUrls(consumerWorkers, env),
  });
}

/** The queue a producer publishes to, from the environment. */
export function bootPublisher(env: Env, internalSecret: string): MessageQueue {
  const qstash = bootQStashQueue(env);
  if (qstash) return qstash;
  const { metrics } = parsePeerUrls(["metrics"], env);
  return createRemoteQueue(httpBinding(metrics, { internalSecret }));
}

/** The path a scheduler (a Deno Deploy cron) posts to for one relay run, with the internal secret. */
export const relayPath = "/internal/events/relay";

/** A started relay: `runOnce` for the scheduler's route, `stop` for shutdown. */
export interface RunningRelay {
  runOnce(): Promise<number>;
  stop(): void;
}

/** Starts relaying `producer`'s outbox every FITCONNECT_RELAY_INTERVAL_MS. */
export function startEventRelay(
  options: { env: Env; producer: EventProducer; internalSecret: string },
): RunningRelay {
  const { FITCONNECT_RELAY_INTERVAL_MS } = parseConfig(v.object(relayEntries), options.env);
  const relay = options.producer.outboxRelay(bootPublisher(options.env, options.internalSecret));
  return { runOnce: relay.runOnce, stop: relay.start(FITCONNECT_RELAY_INTERVAL_MS) };
}
