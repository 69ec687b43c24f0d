/**
 * Writing an event to a domain's outbox, inside the transaction of the
 * change it announces: both commit, or neither does.
 *
 * @module
 */
import type { Database } from "../stores/postgres/port.ts";
import {
  checkPayload,
  type EventContract,
  type PayloadInputOf,
  type PayloadOf,
} from "./contract.ts";
import type { outboxTable } from "./tables.ts";

/** Any domain's outbox table. */
export type Outbox = ReturnType<typeof outboxTable>;

/**
 * Inserts the event of `contract` with `payload` into `outbox` through `tx`;
 * returns the event id. `occurredAt` defaults to the database's clock.
 *
 * The payload is checked against its contract first: a producer's bug throws
 * here, rolling back its change, instead of enqueuing an event that every
 * consumer would refuse.
 */
export async function recordEvent<C extends EventContract>(
  tx: Database,
  outbox: Outbox,
  contract: C,
  payload: PayloadInputOf<C>,
  occurredAt?: Date,
): Promise<string> {
  const row = outboxRow(contract, payload, occurredAt);
  await tx.insert(outbox).values(row);
  return row.id;
}

/** An outbox row: a fresh event id, the type and the payload checked against its contract. */
export interface OutboxRow<C extends EventContract> {
  id: string;
  type: C["type"];
  payload: PayloadOf<C>;
  createdAt?: Date;
}

/**
 * The row {@linkcode recordEvent} inserts, for a repository that writes it
 * within a statement of its own (one round trip for the change and its
 * event). Throws, as recordEvent does, when the payload breaks its contract.
 */
export function outboxRow<C extends EventContract>(
  contract: C,
  payload: PayloadInputOf<C>,
  occurredAt?: Date,
): OutboxRow<C> {
  const checked = checkPayload(contract, payload);
  if (!checked.ok) throw new Error(`Cannot record ${contract.type}: ${checked.reason}`);
  return {
    id: crypto.randomUUID(),
    type: contract.type,
    payload: checked.payload,
    createdAt: occurredAt,
  };
}
