/**
 * The embedded queue: Deno KV's queue delivers each message to its consumer
 * worker through the consumer's service binding, signed as QStash signs, so a
 * consumer verifies embedded and production deliveries the same way.
 *
 * Deno KV retries a delivery whose handler throws, following the backoff
 * schedule; after the last retry it stores the message under
 * `["queue", "dead", <delivery id>]`, where `deadLetters` lists and replays it.
 * A consumer's non-retryable answer (`nonRetryable`, as QStash reads it)
 * dead-letters the delivery at once, with the reason the consumer gave.
 *
 * `listenQueue` runs until its Deno KV is closed, so the queue owns the `kv`
 * it is given: `close()` waits for deliveries in flight and closes it. Give the
 * queue its own handle (`Deno.openKv(path)` again), not one shared with stores.
 *
 * @module
 */
import type { ServiceBinding } from "../bindings/service_binding.ts";
import type { Logger } from "../logging/logger.ts";
import {
  checkPublishOptions,
  type DeadLetter,
  type DeadLetters,
  defaultRetries,
  deliveryHeaders,
  deliveryPath,
  type EventMessage,
  isEventMessage,
  type MessageQueue,
  nonRetryable,
  type PublishOptions,
  refusalReason,
} from "./port.ts";
import { signDelivery } from "./signature.ts";
import { createQueueMetrics, type QueueMetrics } from "./metrics.ts";
import { mkdir } from "node:fs/promises";

/**
 * Opens the queue's own Deno KV file, `<dataDir>/queue.sqlite3`, creating the
 * directory first: with the stores on Postgres and Upstash nothing else has
 * made it on a clean checkout.
 */
export async function openQueueKv(dataDir: string): Promise<Deno.Kv> {
  await mkdir(dataDir, { recursive: true });
  return await Deno.openKv(`${dataDir}/queue.sqlite3`);
}

/** What `createDenoKvQueue` needs. */
export interface DenoKvQueueOptions {
  /** The queue's own Deno KV handle; `close()` closes it. */
  kv: Deno.Kv;
  /** Each consumer worker by name, reached through its binding. */
  consumers: Record<string, ServiceBinding>;
  /** The local key deliveries are signed with (consumers verify with it). */
  signingKey: string;
  /** Wait before each retry, in ms (default [1000, 5000, 15000, 30000, 60000]); the last repeats. */
  backoffMs?: number[];
  /** How long a consumer may take to answer before the attempt fails (default 30 s). */
  deliveryTimeoutMs?: number;
  log?: Logger;
}

/** The Deno KV queue, its dead letters, and its counters (served by the metrics worker). */
export type DenoKvQueue = MessageQueue & { deadLetters: DeadLetters; metrics: QueueMetrics };

/** What is enqueued in Deno KV (and kept as the dead letter). */
interface Envelope {
  kind: "fitconnect.delivery";
  deliveryId: string;
  consumer: string;
  message: EventMessage;
  retries: number;
}

/** Attempts so far and the last failure of one delivery. */
interface Attempts {
  count: number;
  failedAt?: string;
  reason?: string;
}

/** Deno KV accepts at most five retries in a backoff schedule. */
const maxRetries = 5;
const dedupWindowMs = 10 * 60 * 1000;
const defaultBackoffMs = [1000, 5000, 15000, 30000, 60000];

const deadKey = (id: string): Deno.KvKey => ["queue", "dead", id];
const attemptsKey = (id: string): Deno.KvKey => ["queue", "attempts", id];
const dedupKey = (id: string): Deno.KvKey => ["queue", "dedup", id];

/** The URL an embedded delivery is addressed to (the signed `sub`). */
export function embeddedDeliveryUrl(consumer: string): string {
  return `http://${consumer}.internal${deliveryPath}`;
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.kind === "fitconnect.delivery" && typeof v.deliveryId === "string" &&
    typeof v.consumer === "string" && isEventMessage(v.message);
}

/** A queue on Deno KV that delivers to `consumers` and keeps dead letters. */
export function createDenoKvQueue(options: DenoKvQueueOptions): DenoKvQueue {
  const { kv, consumers, signingKey, log } = options;
  const metrics = createQueueMetrics();
  if (!signingKey) throw new Error("Cannot create the Deno KV queue: signingKey is empty");
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  if (backoffMs.length === 0 || backoffMs.some((ms) => !(Number.isFinite(ms) && ms >= 0))) {
    throw new RangeError("Cannot create the Deno KV queue: backoffMs must be non-empty, each >= 0");
  }
  const timeoutMs = options.deliveryTimeoutMs ?? 30_000;
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  let closed: Promise<void> | undefined;

  function backoffSchedule(retries: number): number[] {
    return Array.from({ length: retries }, (_, i) => backoffMs[Math.min(i, backoffMs.length - 1)]);
  }

  function enqueue(op: Deno.AtomicOperation, envelope: Envelope, delayMs = 0) {
    return op.enqueue(envelope, {
      delay: Math.ceil(delayMs),
      backoffSchedule: backoffSchedule(envelope.retries),
      keysIfUndelivered: [deadKey(envelope.deliveryId)],
    });
  }

  /**
   * Only failures are written down (count, time, reason): the attempts before
   * this one are the failures recorded so far, so a delivery that succeeds
   * the first time costs one read and no write.
   */
  async function recordFailure(envelope: Envelope, reason: string, retried: number) {
    await kv.set(attemptsKey(envelope.deliveryId), {
      count: retried + 1,
      failedAt: new Date().toISOString(),
      reason,
    });
    const last = retried >= envelope.retries;
    metrics.attempted(envelope.message.type, envelope.consumer, last ? "dead" : "retry");
    log?.[last ? "error" : "warn"](last ? "queue delivery dead" : "queue delivery failed", {
      consumer: envelope.consumer,
      deliveryId: envelope.deliveryId,
      messageId: envelope.message.id,
      type: envelope.message.type,
      retried,
      reason,
    });
  }

  async function post(binding: ServiceBinding, request: Request): Promise<Response> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([binding.fetch(request), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function deliver(envelope: Envelope): Promise<void> {
    const failures = await kv.get<Attempts>(attemptsKey(envelope.deliveryId));
    const retried = failures.value?.count ?? 0;
    const binding = Object.hasOwn(consumers, envelope.consumer)
      ? consumers[envelope.consumer]
      : undefined;
    let reason: string | undefined;
    let final = false;
    if (!binding) {
      reason = `unknown consumer ${envelope.consumer}`;
    } else {
      const url = embeddedDeliveryUrl(envelope.consumer);
      const body = JSON.stringify(envelope.message);
      const request = new Request(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [deliveryHeaders.signature]: await signDelivery({ signingKey, url, body }),
          [deliveryHeaders.messageId]: envelope.deliveryId,
          [deliveryHeaders.retried]: String(retried),
        },
        body,
      });
      try {
        const response = await post(binding, request);
        final = response.status === nonRetryable.status &&
          response.headers.get(nonRetryable.header) === "true";
        if (final) {
          const refusal = refusalReason(await response.text());
          reason = `HTTP ${response.status}: ${refusal ?? "refused without a reason"}`;
        } else await response.body?.cancel();
        if (!response.ok && !final) reason = `HTTP ${response.status}`;
      } catch (error) {
        reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
    if (reason === undefined) {
      metrics.attempted(envelope.message.type, envelope.consumer, "delivered");
      if (failures.value !== null) await kv.delete(attemptsKey(envelope.deliveryId));
      return;
    }
    if (final) {
      // Retrying cannot help: dead-letter now, as Deno KV would after the last retry.
      await recordFailure({ ...envelope, retries: retried }, reason, retried);
      await kv.set(deadKey(envelope.deliveryId), envelope);
      return;
    }
    await recordFailure(envelope, reason, retried);
    // Throwing is how Deno KV learns to retry (or, after the last retry, to dead-letter).
    throw new Error(`Cannot deliver ${envelope.deliveryId} to ${envelope.consumer}: ${reason}`);
  }

  const listening = kv.listenQueue((value: unknown) => {
    if (!isEnvelope(value)) {
      log?.error("queue dropped an unknown message", {});
      return;
    }
    // Closing: fail the attempt so Deno KV keeps the message for the next start.
    if (closing) throw new Error("Cannot deliver: the queue is closing");
    const delivery = deliver(value);
    const settled = delivery.then(() => {}, () => {});
    inFlight.add(settled);
    return delivery.finally(() => inFlight.delete(settled));
  });

  /** Enqueues `envelope`; false when its deduplication id was seen within the window. */
  async function publishEnvelope(
    envelope: Envelope,
    delayMs?: number,
    dedupId?: string,
  ): Promise<boolean> {
    while (true) {
      const op = kv.atomic();
      if (dedupId !== undefined) {
        const key = dedupKey(dedupId);
        const existing = await kv.get<{ expiresAt: number }>(key);
        // expireIn only reclaims space eventually: the stored expiry decides.
        if (existing.value !== null && existing.value.expiresAt > Date.now()) return false;
        op.check(existing).set(key, { expiresAt: Date.now() + dedupWindowMs }, {
          expireIn: dedupWindowMs,
        });
      }
      const result = await enqueue(op, envelope, delayMs).commit();
      if (result.ok) return true;
    }
  }

  const deadLetters: DeadLetters = {
    async list(listOptions = {}) {
      const letters: DeadLetter[] = [];
      const entries = kv.list<unknown>({ prefix: ["queue", "dead"] }, {
        limit: listOptions.limit,
      });
      for await (const entry of entries) {
        if (!isEnvelope(entry.value)) continue;
        const attempts = await kv.get<Attempts>(attemptsKey(entry.value.deliveryId));
        letters.push({
          id: entry.value.deliveryId,
          consumer: entry.value.consumer,
          message: entry.value.message,
          failedAt: attempts.value?.failedAt ?? new Date(0).toISOString(),
          ...(attempts.value?.reason ? { reason: attempts.value.reason } : {}),
        });
      }
      return letters;
    },

    async replay(id) {
      while (true) {
        const entry = await kv.get<unknown>(deadKey(id));
        if (!isEnvelope(entry.value)) return false;
        const envelope: Envelope = { ...entry.value, deliveryId: crypto.randomUUID() };
        const op = kv.atomic().check(entry).delete(deadKey(id)).delete(attemptsKey(id));
        const result = await enqueue(op, envelope).commit();
        if (result.ok) {
          log?.info("queue dead letter replayed", { deliveryId: id, replay: envelope.deliveryId });
          return true;
        }
      }
    },
  };

  return {
    kind: "deno-kv",
    deadLetters,
    metrics,

    async publish(message, publishOptions: PublishOptions) {
      if (closing) throw new Error("Cannot publish: the queue is closed");
      checkPublishOptions(publishOptions);
      const retries = publishOptions.retries ?? defaultRetries;
      if (retries > maxRetries) {
        throw new RangeError(`Cannot publish: Deno KV allows at most ${maxRetries} retries`);
      }
      if (!Object.hasOwn(consumers, publishOptions.consumer)) {
        throw new Error(`Cannot publish: unknown consumer ${publishOptions.consumer}`);
      }
      const envelope: Envelope = {
        kind: "fitconnect.delivery",
        deliveryId: crypto.randomUUID(),
        consumer: publishOptions.consumer,
        message,
        retries,
      };
      if (
        await publishEnvelope(envelope, publishOptions.delayMs, publishOptions.deduplicationId)
      ) {
        metrics.published(message.type, publishOptions.consumer);
      }
    },

    close() {
      closed ??= (async () => {
        closing = true;
        await Promise.all(inFlight);
        kv.close();
        await listening;
      })();
      return closed;
    },
  };
}
