/**
 * The event backbone of one process: the queue, the relays the producers
 * hand it (each worker relays its own outbox: `outboxRelay(queue)` of its
 * factory), and the verifier each consumer checks deliveries with.
 *
 * Embedded and split, the queue is Deno KV's (its own KV handle, signing its
 * deliveries like QStash with a local key); in production the same relays
 * publish to QStash and consumers verify QStash's keys.
 *
 * @module
 */
import { describeError } from "../shared/logging/describe_error.ts";
import type { ServiceBinding } from "../shared/bindings/service_binding.ts";
import type { EventProducer, OutboxRelay } from "../shared/events/outbox_relay.ts";
import type { Logger } from "../shared/logging/logger.ts";
import {
  createDenoKvQueue,
  type DenoKvQueue,
  embeddedDeliveryUrl,
} from "../shared/queue/deno_kv_queue.ts";
import { createDeliveryVerifier, type DeliveryVerifier } from "../shared/queue/signature.ts";

/** What the embedded backbone needs. */
export interface EmbeddedEventsOptions {
  /** The queue's own Deno KV (closing the backbone closes it). */
  kv: Deno.Kv;
  /** Signs deliveries; consumers verify with it. */
  signingKey: string;
  consumers: Record<string, ServiceBinding>;
  log: Logger;
  /** Retry backoff of deliveries, in ms. */
  backoffMs?: number[];
}

/** The running backbone. */
export interface EmbeddedEvents {
  queue: DenoKvQueue;
  /** The producers' relays, in the order they were added. */
  relays: OutboxRelay[];
  /** Relays `producer`'s outbox to the queue from now on (at `flush`, and on every tick once started). */
  relay(producer: EventProducer): void;
  /** The verifier of `consumer`'s `/queue/deliveries`. */
  deliveries(consumer: string): DeliveryVerifier;
  /** Publishes every pending outbox row now (tests, and after a burst of writes). */
  flush(): Promise<number>;
  /** Runs the relays every `intervalMs`; returns the function that stops them. */
  start(intervalMs: number): () => void;
  close(): Promise<void>;
}

/** The Deno KV queue, the producers' relays, and consumers' verifiers. */
export function createEmbeddedEvents(options: EmbeddedEventsOptions): EmbeddedEvents {
  const queue = createDenoKvQueue({
    kv: options.kv,
    consumers: options.consumers,
    signingKey: options.signingKey,
    backoffMs: options.backoffMs,
    log: options.log,
  });
  const relays: OutboxRelay[] = [];
  let stops: (() => void)[] = [];
  async function flush() {
    let total = 0;
    // Each relay first probes its own outbox (one indexed read): idle ones cost that alone.
    for (const relay of relays) total += await relay.runOnce();
    return total;
  }
  return {
    queue,
    relays,
    relay(producer) {
      relays.push(producer.outboxRelay(queue));
    },
    deliveries: (consumer) =>
      createDeliveryVerifier({
        currentSigningKey: options.signingKey,
        nextSigningKey: options.signingKey,
        url: embeddedDeliveryUrl(consumer),
      }),
    flush,
    start(intervalMs) {
      let busy = false;
      const tick = async () => {
        if (busy) return;
        busy = true;
        try {
          await flush();
        } catch (error) {
          options.log.warn("outbox relay failed; will retry", { error: describeError(error) });
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(tick, intervalMs);
      stops = [() => clearInterval(timer)];
      return () => stops.forEach((stop) => stop());
    },
    async close() {
      stops.forEach((stop) => stop());
      await queue.close();
    },
  };
}
