/**
 * The transactional outbox's relay: it publishes the events a domain wrote
 * to its `<schema>.outbox` table — in the same transaction as the change
 * they announce — and marks them published.
 *
 * Rows are claimed with `for update skip locked`, so several relays (many
 * isolates) never publish one row at the same time, and marked published in
 * the same transaction: a relay that dies before its commit leaves the rows
 * unpublished, and the next run publishes them again. Each publication
 * carries the deduplication id `<event id>:<consumer>`, and consumers are
 * idempotent by message id, so a republished event has no second effect.
 *
 * Each producer worker relays its own outbox, and only its own: its factory
 * offers `outboxRelay(queue)` ({@linkcode eventProducer}), which the
 * composition root (embedded, or the worker's own boot) starts.
 *
 * @module
 */
import { and, asc, inArray, isNull, min } from "drizzle-orm";
import { Gauge, type Registry } from "prom-client";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Logger } from "../logging/logger.ts";
import type { EventMessage, MessageQueue } from "../queue/port.ts";
import type { Database } from "../stores/postgres/port.ts";
import { describeError } from "../logging/describe_error.ts";
import { subscriptions as platformSubscriptions } from "./subscriptions.ts";

/** The columns every domain's outbox table has (see workers/workouts/tables.ts). */
export type OutboxTable = PgTable & {
  id: PgColumn;
  type: PgColumn;
  payload: PgColumn;
  createdAt: PgColumn;
  publishedAt: PgColumn;
};

/** Which consumers hear which event type. */
export type Subscriptions = Readonly<Record<string, readonly string[]>>;

/** What a relay needs. */
export interface OutboxRelayOptions {
  db: Database;
  table: OutboxTable;
  queue: MessageQueue;
  subscriptions: Subscriptions;
  log: Logger;
  /** Rows per run (default 100). */
  batchSize?: number;
  now?: () => Date;
}

/** The longest wait between runs while publishing fails. */
const maxBackoffMs = 10_000;

/** A relay of one outbox table. */
export interface OutboxRelay {
  /** Publishes what is pending now; resolves with how many events it published. */
  runOnce(): Promise<number>;
  /** Runs every `intervalMs` (and at once); returns the function that stops it. */
  start(intervalMs: number): () => void;
}

interface OutboxRow {
  id: string;
  type: string;
  payload: unknown;
  createdAt: Date;
}

/** A worker that publishes events: it relays its own outbox to the queue it is given. */
export interface EventProducer {
  /** The relay of this worker's outbox to `queue` (not started). */
  outboxRelay(queue: MessageQueue): OutboxRelay;
}

/**
 * What a producer's factory adds to its app: the relay of `table` over `db`,
 * by the platform's subscriptions; and on `registry`, the age of the oldest
 * event still unpublished (0 when none).
 */
export function eventProducer(
  options: { db: Database; table: OutboxTable; log: Logger; registry: Registry },
): EventProducer {
  outboxLagGauge(options);
  return {
    outboxRelay: (queue) =>
      createOutboxRelay({ ...options, queue, subscriptions: platformSubscriptions }),
  };
}

/**
 * `fitconnect_outbox_oldest_unpublished_age_seconds`, read from the table at
 * each collection (one read of the partial index on unpublished rows), so
 * every isolate reports the truth and a relay that stopped shows as a
 * growing age rather than as silence.
 */
function outboxLagGauge({ db, table, log, registry }: {
  db: Database;
  table: OutboxTable;
  log: Logger;
  registry: Registry;
}): void {
  new Gauge({
    name: "fitconnect_outbox_oldest_unpublished_age_seconds",
    help: "Age of the oldest event of this worker's outbox not yet published (0 when none).",
    registers: [registry],
    async collect() {
      try {
        const [row] = await db.select({ oldest: min(table.createdAt) }).from(table)
          .where(isNull(table.publishedAt));
        const oldest = row?.oldest as Date | string | null | undefined;
        this.set(oldest ? Math.max(0, (Date.now() - new Date(oldest).getTime()) / 1000) : 0);
      } catch (error) {
        // A collection must not fail because the database is briefly away: keep the last value.
        log.warn("outbox lag unavailable for metrics", { error: describeError(error) });
      }
    },
  });
}

/** True when `worker` publishes events (its factory added {@linkcode eventProducer}). */
export function isEventProducer(worker: object): worker is EventProducer {
  return typeof (worker as Partial<EventProducer>).outboxRelay === "function";
}

/** The relay of `options.table`. */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, table, queue, subscriptions, log } = options;
  const batchSize = options.batchSize ?? 100;
  const now = options.now ?? (() => new Date());
  let running: Promise<number> | null = null;

  async function publishBatch(): Promise<number> {
    return await db.transaction(async (tx) => {
      const rows = await tx
        .select({
          id: table.id,
          type: table.type,
          payload: table.payload,
          createdAt: table.createdAt,
        })
        .from(table)
        .where(isNull(table.publishedAt))
        .orderBy(asc(table.createdAt))
        .limit(batchSize)
        .for("update", { skipLocked: true }) as OutboxRow[];
      if (rows.length === 0) return 0;
      for (const row of rows) {
        const message: EventMessage = {
          id: row.id,
          type: row.type,
          occurredAt: row.createdAt.toISOString(),
          payload: row.payload,
        };
        for (const consumer of subscriptions[row.type] ?? []) {
          await queue.publish(message, { consumer, deduplicationId: `${row.id}:${consumer}` });
        }
      }
      await tx.update(table).set({ publishedAt: now() } as never)
        .where(and(inArray(table.id, rows.map((row) => row.id)), isNull(table.publishedAt)));
      return rows.length;
    });
  }

  /**
   * Whether anything waits, without a transaction or a lock: an idle relay
   * then costs one indexed read a run (the partial index on unpublished rows),
   * not a transaction holding the connection.
   */
  async function pending(): Promise<boolean> {
    const rows = await db.select({ id: table.id }).from(table)
      .where(isNull(table.publishedAt)).limit(1);
    return rows.length > 0;
  }

  async function runOnce(): Promise<number> {
    // One run at a time per relay; a caller arriving meanwhile waits for it.
    running ??= (async () => {
      let total = 0;
      try {
        if (!(await pending())) return 0;
        for (
          let published = await publishBatch();
          published > 0;
          published = await publishBatch()
        ) {
          total += published;
        }
      } finally {
        running = null;
      }
      return total;
    })();
    return await running;
  }

  return {
    runOnce,
    start(intervalMs) {
      // While the queue is down, wait longer between runs (doubling, up to
      // maxBackoffMs) and say so once per doubling rather than every tick.
      let backoffMs = 0;
      let nextRunAt = 0;
      const tick = async () => {
        if (Date.now() < nextRunAt) return;
        try {
          await runOnce();
          if (backoffMs > 0) log.info("outbox relay recovered", {});
          backoffMs = 0;
        } catch (error) {
          backoffMs = Math.min(Math.max(backoffMs * 2, intervalMs), maxBackoffMs);
          log.warn("outbox relay failed; will retry", {
            error: describeError(error),
            retryInMs: backoffMs,
          });
          nextRunAt = Date.now() + backoffMs;
        }
      };
      tick();
      const timer = setInterval(tick, intervalMs);
      return () => clearInterval(timer);
    },
  };
}
