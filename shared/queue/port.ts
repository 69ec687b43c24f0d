/**
 * The message queue port: how an outbox relay hands integration events to the
 * consumer workers, and how operators see and replay what could not be
 * delivered. Deno KV's queue when embedded, QStash in production.
 *
 * @module
 */

/** An integration event as it travels (past-tense `type`, e.g. "UserRegistered"). */
export interface EventMessage<T = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  payload: T;
}

/** How one message is published. */
export interface PublishOptions {
  /** The consuming worker's name ("notifications", "analytics", …). */
  consumer: string;
  /** Same id within the dedup window → delivered once (QStash: Upstash-Deduplication-Id). */
  deduplicationId?: string;
  delayMs?: number;
  /** Delivery attempts after the first (default 5). */
  retries?: number;
}

/** What every queue adapter provides to publishers. */
export interface MessageQueue {
  readonly kind: "deno-kv" | "qstash" | "remote";
  publish(message: EventMessage, options: PublishOptions): Promise<void>;
  close(): Promise<void>;
}

/** One delivery that exhausted its retries. */
export interface DeadLetter {
  id: string;
  consumer: string;
  message: EventMessage;
  failedAt: string;
  reason?: string;
}

/** Deliveries that exhausted their retries, for operators to see and replay. */
export interface DeadLetters {
  list(options?: { limit?: number }): Promise<DeadLetter[]>;
  /** Publishes the message again to its consumer and removes it from the list; false when unknown. */
  replay(id: string): Promise<boolean>;
}

/** Where every consumer worker receives its deliveries (`POST`, JSON `EventMessage` body). */
export const deliveryPath = "/queue/deliveries";

/**
 * How a consumer says a delivery can never succeed (a payload that breaks its
 * contract): QStash's answer for it, which moves the message to the dead
 * letters at once instead of retrying. The Deno KV queue honours it the same way.
 */
export const nonRetryable = { status: 489, header: "Upstash-NonRetryable-Error" } as const;

/** The `reason` a consumer gave in the JSON body of a non-retryable answer, bounded. */
export function refusalReason(body: string | undefined): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body ?? "");
    if (typeof parsed === "object" && parsed !== null && "reason" in parsed) {
      return String(parsed.reason).slice(0, 500);
    }
  } catch {
    // Not JSON: no reason given.
  }
  return undefined;
}

/** The default number of delivery attempts after the first. */
export const defaultRetries = 5;

/** Headers of a delivery, named as QStash names them. */
export const deliveryHeaders = {
  signature: "Upstash-Signature",
  messageId: "Upstash-Message-Id",
  retried: "Upstash-Retried",
} as const;

/** Throws a `RangeError` for options no adapter can honour. */
export function checkPublishOptions(options: PublishOptions): void {
  const { delayMs, retries } = options;
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
    throw new RangeError(`Cannot publish: delayMs must be a number >= 0, got ${delayMs}`);
  }
  if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) {
    throw new RangeError(`Cannot publish: retries must be an integer >= 0, got ${retries}`);
  }
}

/** True when `value` has the shape of an `EventMessage`. */
export function isEventMessage(value: unknown): value is EventMessage {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.type === "string" &&
    typeof v.occurredAt === "string" && "payload" in v;
}
