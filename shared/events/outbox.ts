/**
 * Writing an event to a domain's outbox, inside the transaction of the
 * change it announces: both commit, or neither does.
 *
 * @module
 */
import type { Database } from "../stores/postgres/port.ts";
import type { EventPayloads } from "./catalog.ts";
import type { outboxTable } from "./tables.ts";

/** Any domain's outbox table. */
export type Outbox = ReturnType<typeof outboxTable>;

/**
 * Inserts `type` with `payload` into `outbox` through `tx`; returns the event
 * id. `occurredAt` defaults to the database's clock.
 */
export async function recordEvent<T extends keyof EventPayloads>(
  tx: Database,
  outbox: Outbox,
  type: T,
  payload: EventPayloads[T],
  occurredAt?: Date,
): Promise<string> {
  const id = crypto.randomUUID();
  await tx.insert(outbox).values({ id, type, payload, createdAt: occurredAt });
  return id;
}
