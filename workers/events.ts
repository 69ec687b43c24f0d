/**
 * The event backbone of one process: the queue, the relays of every
 * producer's outbox, and the verifier each consumer checks deliveries with.
 *
 * Embedded and split, the queue is Deno KV's (its own KV handle, signing its
 * deliveries like QStash with a local key); in production the same relays
 * publish to QStash and consumers verify QStash's keys.
 *
 * @module
 */
import { describeError } from "../shared/logging/describe_error.ts";
import type { ServiceBinding } from "../shared/bindings/service_binding.ts";
import { subscriptions } from "../shared/events/catalog.ts";
import { createOutboxRelay, type OutboxRelay } from "../shared/events/outbox_relay.ts";
import type { Logger } from "../shared/logging/logger.ts";
import {
  createDenoKvQueue,
  type DenoKvQueue,
  embeddedDeliveryUrl,
} from "../shared/queue/deno_kv_queue.ts";
import { createDeliveryVerifier, type DeliveryVerifier } from "../shared/queue/signature.ts";
import type { Database } from "../shared/stores/postgres/port.ts";
import { sql } from "drizzle-orm";
import { outbox as analyticsOutbox } from "./analytics/tables.ts";
import { outbox as authOutbox } from "./auth/tables.ts";
import { outbox as inventoryOutbox } from "./inventory/tables.ts";
import { outbox as paymentsOutbox } from "./payments/tables.ts";
import { outbox as usersOutbox } from "./users/tables.ts";
import { outbox as workoutsOutbox } from "./workouts/tables.ts";

/** Every producer's outbox, by the worker that writes it. */
export const outboxes = {
  auth: authOutbox,
  users: usersOutbox,
  workouts: workoutsOutbox,
  analytics: analyticsOutbox,
  payments: paymentsOutbox,
  inventory: inventoryOutbox,
} as const;

/** What the embedded backbone needs. */
export interface EmbeddedEventsOptions {
  /** The queue's own Deno KV (closing the backbone closes it). */
  kv: Deno.Kv;
  /** Signs deliveries; consumers verify with it. */
  signingKey: string;
  db: Database;
  consumers: Record<string, ServiceBinding>;
  log: Logger;
  /** Retry backoff of deliveries, in ms. */
  backoffMs?: number[];
}

/** The running backbone. */
export interface EmbeddedEvents {
  queue: DenoKvQueue;
  relays: OutboxRelay[];
  /** The verifier of `consumer`'s `/queue/deliveries`. */
  deliveries(consumer: string): DeliveryVerifier;
  /** Publishes every pending outbox row now (tests, and after a burst of writes). */
  flush(): Promise<number>;
  /** Runs the relays every `intervalMs`; returns the function that stops them. */
  start(intervalMs: number): () => void;
  close(): Promise<void>;
}

/** The Deno KV queue, a relay per outbox, and consumers' verifiers. */
export function createEmbeddedEvents(options: EmbeddedEventsOptions): EmbeddedEvents {
  const queue = createDenoKvQueue({
    kv: options.kv,
    consumers: options.consumers,
    signingKey: options.signingKey,
    backoffMs: options.backoffMs,
    log: options.log,
  });
  const relays = Object.values(outboxes).map((table) =>
    createOutboxRelay({ db: options.db, table, queue, subscriptions, log: options.log })
  );
  let stops: (() => void)[] = [];
  const anyPending = sql.join(
    Object.values(outboxes).map((table) =>
      sql`(select 1 from ${table} where ${table.publishedAt} is null limit 1)`
    ),
    sql` union all `,
  );
  async function flush() {
    let total = 0;
    for (const relay of relays) total += await relay.runOnce();
    return total;
  }
  return {
    queue,
    relays,
    deliveries: (consumer) =>
      createDeliveryVerifier({
        currentSigningKey: options.signingKey,
        nextSigningKey: options.signingKey,
        url: embeddedDeliveryUrl(consumer),
      }),
    flush,
    start(intervalMs) {
      // One probe of every outbox a tick (one query through their partial
      // indexes): an idle platform costs that, not a run of every relay.
      let busy = false;
      const tick = async () => {
        if (busy) return;
        busy = true;
        try {
          const { rows } = await options.db.execute(anyPending) as unknown as { rows: unknown[] };
          if (rows.length > 0) await flush();
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
