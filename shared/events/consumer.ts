/**
 * The consuming side of events: the `/queue/deliveries` route every consumer
 * worker mounts. It verifies the signature on the raw body (QStash's format,
 * in both adapters), checks the payload against the contract its handler was
 * registered with (`on(UserDeleted, …)`), then runs the handler and records
 * the event id in the same transaction — so a duplicate delivery has no
 * second effect, and a failing handler leaves nothing behind and answers
 * non-2xx, which makes the queue retry (and, in the end, dead-letter) it.
 *
 * A payload that breaks its contract would fail the same way on every retry:
 * it is answered as non-retryable (QStash's 489 with
 * `Upstash-NonRetryable-Error`), and the queue dead-letters it at once with
 * the reason, for operators to see.
 *
 * A handler may say first, outside any transaction, whether an event concerns
 * its worker at all (`relevant`): one that does not (a session without a
 * record, for the worker that announces records) is answered at once and
 * counted as ignored, with no transaction and nothing recorded, since
 * nothing was done.
 *
 * With `erasures`, a worker also remembers whom it erased on `UserDeleted`:
 * an event about that member arriving later is not applied ("forgotten"), or,
 * for the types listed in `reapply` (records that must stay, anonymised), it
 * is applied and the worker's `UserDeleted` handler runs again after it.
 *
 * @module
 */
import { Hono } from "hono";
import { Counter, Histogram, type Registry } from "prom-client";
import type { Logger } from "../logging/logger.ts";
import type { EventMessage } from "../queue/port.ts";
import { deliveryPath, nonRetryable } from "../queue/port.ts";
import { type DeliveryEnv, type DeliveryVerifier, verifiedDeliveries } from "../queue/signature.ts";
import type { Database } from "../stores/postgres/port.ts";
import type { ErasedUsersTable, ProcessedMessagesTable } from "./tables.ts";
import { checkPayload, type EventContract, type EventType, type PayloadOf } from "./contract.ts";
import { eq, type SQL, sql } from "drizzle-orm";
import { describeError } from "../logging/describe_error.ts";

/**
 * Handles one event type inside the transaction that records it as processed,
 * with the payload already checked against its contract (`message` is the
 * delivered envelope: its id, type and time). Every query must go through
 * `tx`: embedded PGlite has one connection, and a query on the worker's own
 * `db` would wait for this transaction forever.
 */
export type EventHandler<P = unknown> = (
  payload: P,
  tx: Database,
  message: EventMessage,
) => Promise<void>;

/** A handler registered with the contract of the events it takes. */
export interface Subscription {
  readonly contract: EventContract;
  readonly handle: EventHandler;
  /**
   * Runs on the worker's `db`, outside any transaction, and the event is
   * recorded processed only after it succeeds: for a handler that waits on
   * the network (an outbound webhook), which must not hold a transaction
   * (embedded PGlite has one connection). It must be idempotent on its own.
   */
  readonly outsideTransaction?: boolean;
  /**
   * Whether the event concerns this worker, asked on the worker's `db` before
   * any transaction: when it does not, the handler does not run and nothing is
   * recorded. It must only ever say no to an event the handler would do
   * nothing with.
   */
  readonly relevant?: Relevance;
}

/** Whether an event concerns a worker (see `Subscription.relevant`). */
export type Relevance<P = unknown> = (payload: P, db: Database) => boolean | Promise<boolean>;

/** How a handler runs: outside a transaction, or only for the events that concern it. */
export interface HandlerOptions<P> {
  outsideTransaction?: boolean;
  relevant?: Relevance<P>;
}

/** Registers `handle` for the events of `contract`: it runs only on payloads that satisfy it. */
export function on<C extends EventContract>(
  contract: C,
  handle: EventHandler<PayloadOf<C>>,
  options: HandlerOptions<PayloadOf<C>> = {},
): Subscription {
  return {
    contract,
    handle: handle as EventHandler,
    outsideTransaction: options.outsideTransaction,
    relevant: options.relevant as Relevance | undefined,
  };
}

/** What a consumer did with a delivery it could take. */
type Outcome = "processed" | "duplicate" | "ignored" | "forgotten";

/** What a consumer needs. */
export interface ConsumerOptions {
  worker: string;
  db: Database;
  processed: ProcessedMessagesTable;
  verifier: DeliveryVerifier;
  /** One per event type the worker hears (`on(Contract, handler)`). */
  handlers: readonly Subscription[];
  log: Logger;
  /** The worker's registry, for delivery metrics. */
  registry?: Registry;
  /** Whom this worker erased, and which event types still apply to them (see above). */
  erasures?: { table: ErasedUsersTable; reapply?: readonly EventType[] };
  now?: () => Date;
}

/** The delivery route, to mount with `app.route("/", consumerRoutes(...))`. */
export function consumerRoutes(options: ConsumerOptions) {
  const { db, processed, log } = options;
  const handlers = new Map<string, Subscription>();
  for (const subscription of options.handlers) {
    const { type } = subscription.contract;
    if (handlers.has(type)) throw new Error(`Cannot consume ${type}: two handlers registered`);
    handlers.set(type, subscription);
  }
  const now = options.now ?? (() => new Date());
  const registers = options.registry ? [options.registry] : [];
  const deliveries = new Counter({
    name: "fitconnect_queue_deliveries_total",
    help: "Event deliveries received, by type and result " +
      "(processed, duplicate, ignored, forgotten, rejected, failed).",
    labelNames: ["type", "result"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "fitconnect_queue_delivery_latency_seconds",
    help: "Time from an event's occurrence to its processing, by type.",
    labelNames: ["type"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300],
    registers,
  });

  /** A handler that must not hold a transaction: run it, then record the event once. */
  async function handleOutside(handler: Subscription, payload: unknown, message: EventMessage) {
    const seen = await db.select({ messageId: processed.messageId }).from(processed)
      .where(eq(processed.messageId, message.id)).limit(1);
    if (seen.length > 0) return "duplicate" as const;
    await handler.handle(payload, db, message);
    await db.insert(processed)
      .values({ messageId: message.id, type: message.type, processedAt: now() })
      .onConflictDoNothing();
    return "processed" as const;
  }

  /**
   * Runs the delivery's handler, if the event concerns it: outside a transaction when it must
   * (recorded once after), otherwise in the transaction that records the event as processed.
   */
  async function handle(
    message: EventMessage,
    known?: { handler: Subscription; checked: { ok: true; payload: unknown } },
  ): Promise<Outcome> {
    if (known?.handler.relevant && !(await known.handler.relevant(known.checked.payload, db))) {
      return "ignored";
    }
    if (known?.handler.outsideTransaction) {
      return await handleOutside(known.handler, known.checked.payload, message);
    }
    return await db.transaction(async (tx) => {
      const [fresh] = await tx.insert(processed)
        .values({ messageId: message.id, type: message.type, processedAt: now() })
        .onConflictDoNothing()
        .returning({ erased: erasedFlag(options.erasures, message) });
      if (!fresh) return "duplicate";
      if (!known) return "ignored";
      const erasure = options.erasures &&
        await erasureOf(options.erasures, message, fresh.erased, tx);
      if (erasure === "forget") return "forgotten";
      await known.handler.handle(known.checked.payload, tx, message);
      const erase = handlers.get("UserDeleted");
      if (erasure === "erase-again" && erase) {
        const again = erasedAgain(message);
        await erase.handle(again.payload, tx, again);
      }
      return "processed";
    });
  }

  return new Hono<DeliveryEnv>().post(
    deliveryPath,
    verifiedDeliveries(options.verifier),
    async (c) => {
      const { message, retried } = c.get("delivery");
      const handler = handlers.get(message.type);
      const checked = handler && checkPayload(handler.contract, message.payload);
      if (checked && !checked.ok) {
        deliveries.inc({ type: message.type, result: "rejected" });
        log.warn("event payload breaks its contract; dead-lettered", {
          worker: options.worker,
          type: message.type,
          messageId: message.id,
          reason: checked.reason,
        });
        return Response.json({ reason: checked.reason }, {
          status: nonRetryable.status,
          headers: { [nonRetryable.header]: "true" },
        });
      }
      let result: Outcome;
      try {
        result = await handle(message, handler && checked?.ok ? { handler, checked } : undefined);
      } catch (error) {
        deliveries.inc({ type: message.type, result: "failed" });
        log.warn("event handler failed; the queue will retry", {
          worker: options.worker,
          type: message.type,
          messageId: message.id,
          retried,
          error: describeError(error),
        });
        // Not a client error: the queue must try again later.
        return c.json({ retry: true }, 503);
      }
      deliveries.inc({ type: message.type, result });
      if (result === "processed") {
        latency.observe(
          { type: message.type },
          Math.max(0, (now().getTime() - Date.parse(message.occurredAt)) / 1000),
        );
      }
      return c.body(null, 204);
    },
  );
}

/**
 * Whether the member the event is about was erased here, read by the statement
 * that records the event as processed (one round trip less per delivery).
 * `UserDeleted` itself, and events about no member, read false.
 */
function erasedFlag(erasures: ConsumerOptions["erasures"], message: EventMessage): SQL<boolean> {
  const userId = subjectOf(message);
  if (!erasures || userId === undefined || message.type === "UserDeleted") {
    return sql<boolean>`false`;
  }
  const { table } = erasures;
  return sql<boolean>`exists (select 1 from ${table} where ${table.userId} = ${userId})`;
}

/** What to do with an event, given whether its member was erased here (`erasedFlag`). */
async function erasureOf(
  erasures: NonNullable<ConsumerOptions["erasures"]>,
  message: EventMessage,
  erased: boolean,
  db: Database,
): Promise<"apply" | "forget" | "erase-again"> {
  const userId = subjectOf(message);
  if (userId === undefined) return "apply";
  if (message.type === "UserDeleted") {
    await db.insert(erasures.table).values({ userId }).onConflictDoNothing();
    return "apply";
  }
  if (!erased) return "apply";
  return erasures.reapply?.some((type) => type === message.type) ? "erase-again" : "forget";
}

/** The member an event is about (`payload.userId`), if any. */
function subjectOf(message: EventMessage): string | undefined {
  const payload = message.payload as { userId?: unknown } | null;
  return typeof payload?.userId === "string" ? payload.userId : undefined;
}

/** The `UserDeleted` that erases again what `message` brought about an erased member. */
function erasedAgain(message: EventMessage): EventMessage<{ userId: string; deletedAt: string }> {
  return {
    id: message.id,
    type: "UserDeleted",
    occurredAt: message.occurredAt,
    payload: { userId: subjectOf(message)!, deletedAt: message.occurredAt },
  };
}
