/**
 * What an event contract is: the event's type and the valibot schema of its
 * payload, declared once by the worker that publishes it (its `contracts.ts`)
 * and used on both sides — `recordEvent` checks a payload before it enters
 * the outbox, and the consumer route checks it again before a handler runs.
 *
 * Ordering: a queue does not keep order, so an event that describes the state
 * of an entity (a profile) carries that entity's `version`, and a consumer
 * that keeps a copy applies only a newer one. Events that state a fact which
 * never changes afterwards (a session logged, a payment settled) carry no
 * version: they are applied once by id, in any order.
 *
 * @module
 */
import * as v from "valibot";
import type { EventType } from "./subscriptions.ts";

export type { EventType } from "./subscriptions.ts";

/** One event type and the schema its payload must satisfy. */
export interface EventContract<
  T extends EventType = EventType,
  S extends v.GenericSchema = v.GenericSchema,
> {
  readonly type: T;
  readonly schema: S;
}

/** Declares the contract of `type`. */
export function defineEvent<const T extends EventType, S extends v.GenericSchema>(
  type: T,
  schema: S,
): EventContract<T, S> {
  return { type, schema };
}

/** The payload a consumer of `C` receives (validated). */
export type PayloadOf<C extends EventContract> = v.InferOutput<C["schema"]>;

/** The payload a producer of `C` writes. */
export type PayloadInputOf<C extends EventContract> = v.InferInput<C["schema"]>;

/** `payload` checked against `contract`: the valid payload, or why it is not valid. */
export function checkPayload<C extends EventContract>(
  contract: C,
  payload: unknown,
): { ok: true; payload: PayloadOf<C> } | { ok: false; reason: string } {
  const result = v.safeParse(contract.schema, payload);
  if (result.success) return { ok: true, payload: result.output };
  const where = result.issues.map((issue) => v.getDotPath(issue) ?? "(payload)");
  return {
    ok: false,
    reason: `${contract.type} payload does not satisfy its contract at ${
      [...new Set(where)].join(", ")
    }: ${result.issues[0].message}`,
  };
}

/** The field schemas contracts share, so one field means one thing everywhere. */
export const eventFields = {
  /** An id: opaque, non-empty, bounded. */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** An RFC 3339 instant in UTC, as `Date.prototype.toISOString` writes it. */
  instant: v.pipe(v.string(), v.isoTimestamp()),
  /** A person's name as shown (may be empty). */
  displayName: v.pipe(v.string(), v.maxLength(200)),
  /** Minor units (cents): a whole number, never negative. */
  amountCents: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  /** ISO 4217 (`EUR`): amounts are summed and formatted per currency. */
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)),
  /** An entity's version: starts at 1, grows by one with every change. */
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
};
