/**
 * The event backbone of one process: the queue, the relays the producers
 * hand it (each worker relays its own outbox: `outboxRelay(queue)` of its
 * factory), and the verifier each consumer checks deliveries with.
 *
 * Embedded and split, the queue is Deno KV's (its own KV handle, signing its
 * deliveries like QStash with a local key); in production the same relays
 * publish to QStash and consumers verify QStash's keys.
 *
 * Relays run when woken, not on a fast poll: the composition wakes a
 * worker's relay when that worker has answered a write (./compose.ts), and
 * a slow safety poll runs every relay for what no write announced (a row
 * left by a relay that failed, an event recorded outside a request). Each
 * run of an idle relay is a PGlite query, and on file storage every query
 * opens files: polling eight outboxes every 200 ms cost more CPU than the
 * requests of a load test.
 *
 * @module
 */
import { describeError } from "../shared/logging/describe_error.ts";
import type { Fetcher, ServiceBinding } from "../shared/bindings/service_binding.ts";
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
  /**
   * Relays `producer`'s outbox to the queue from now on (at `flush`, and once
   * started, when woken and on the safety poll); returns the wake of its relay.
   */
  relay(producer: EventProducer): RelayWake;
  /** The verifier of `consumer`'s `/queue/deliveries`. */
  deliveries(consumer: string): DeliveryVerifier;
  /** Publishes every pending outbox row now (tests, and after a burst of writes). */
  flush(): Promise<number>;
  /**
   * Runs a woken relay at once, at most once per `intervalMs`, and every relay
   * each `safetyPollMs` (default: 2 s, or `intervalMs` when longer); returns the function that
   * stops them.
   */
  start(intervalMs: number, safetyPollMs?: number): () => void;
  close(): Promise<void>;
}

/** Tells a relay that its outbox may hold a new event (a no-op until the relays start). */
export type RelayWake = () => void;

/** How often every relay looks at its outbox unwoken: a bound on a missed wake's delay. */
export const defaultSafetyPollMs = 2_000;

/** One relay's schedule: at most one run at a time, and one more if woken during it. */
interface Schedule {
  relay: OutboxRelay;
  timer?: ReturnType<typeof setTimeout>;
  running: boolean;
  again: boolean;
  lastRunAt: number;
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
  const schedules: Schedule[] = [];
  let intervalMs = 0;
  let started = false;
  let safetyPoll: ReturnType<typeof setInterval> | undefined;
  async function flush() {
    let total = 0;
    // Each relay first probes its own outbox (one indexed read): idle ones cost that alone.
    for (const relay of relays) total += await relay.runOnce();
    return total;
  }
  function wake(schedule: Schedule): void {
    if (!started) return;
    // A run already past its look at the outbox might miss the new row: run once more after it.
    if (schedule.running) {
      schedule.again = true;
      return;
    }
    if (schedule.timer !== undefined) return;
    const waitMs = Math.max(0, schedule.lastRunAt + intervalMs - performance.now());
    schedule.timer = setTimeout(() => {
      schedule.timer = undefined;
      run(schedule);
    }, waitMs);
  }
  async function run(schedule: Schedule): Promise<void> {
    schedule.running = true;
    schedule.again = false;
    schedule.lastRunAt = performance.now();
    try {
      await schedule.relay.runOnce();
    } catch (error) {
      options.log.warn("outbox relay failed; will retry", { error: describeError(error) });
    } finally {
      schedule.running = false;
    }
    if (schedule.again) wake(schedule);
  }
  function stop(): void {
    started = false;
    clearInterval(safetyPoll);
    safetyPoll = undefined;
    for (const schedule of schedules) {
      clearTimeout(schedule.timer);
      schedule.timer = undefined;
    }
  }
  return {
    queue,
    relays,
    relay(producer) {
      const relay = producer.outboxRelay(queue);
      const schedule: Schedule = { relay, running: false, again: false, lastRunAt: -Infinity };
      relays.push(relay);
      schedules.push(schedule);
      return () => wake(schedule);
    },
    deliveries: (consumer) =>
      createDeliveryVerifier({
        currentSigningKey: options.signingKey,
        nextSigningKey: options.signingKey,
        url: embeddedDeliveryUrl(consumer),
      }),
    flush,
    // A gap longer than the safety poll (a bench keeping the stores quiet) lengthens it too.
    start(every, safetyPollMs = Math.max(defaultSafetyPollMs, every)) {
      stop();
      intervalMs = every;
      started = true;
      // What was recorded before the start (or while stopped) goes out now.
      for (const schedule of schedules) wake(schedule);
      safetyPoll = setInterval(() => schedules.forEach(wake), safetyPollMs);
      return stop;
    },
    async close() {
      stop();
      await queue.close();
    },
  };
}

/** Methods that change nothing, so record no event: their answers wake no relay. */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The worker `reach()` gives, as a binding calls it: once it has answered a
 * write, the relay `wakeOf()` gives (a producer's) is woken. The worker is
 * looked up on every call, and left untouched (its metrics reporting is
 * attached to it).
 */
export function wakingOnWrites(
  reach: () => Fetcher,
  wakeOf: () => RelayWake | undefined,
): Fetcher {
  return {
    fetch(request, env) {
      const answer = reach().fetch(request, env);
      const wake = wakeOf();
      if (!wake || safeMethods.has(request.method)) return answer;
      // Failed or not, the write may have committed events before it ended.
      return Promise.resolve(answer).finally(wake);
    },
  };
}
