/**
 * The shapes of the events analytics consumes, checked on arrival. The
 * events it publishes (`ReportRequested`, `ReportReady`) are in the platform
 * catalog, shared/events/catalog.ts.
 *
 * @module
 */
import * as v from "valibot";

const text = v.pipe(v.string(), v.minLength(1));
const instant = v.pipe(v.string(), v.isoTimestamp());
/** Minor units: a whole number, never negative (a refund's sign is analytics' to add). */
const amountCents = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** ISO 4217: revenue is summed per currency, never across. */
const currency = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/));

/** What analytics reads of each consumed payload (producers may send more). */
export const consumedPayloads = {
  UserRegistered: v.object({ userId: text, registeredAt: v.optional(instant) }),
  ProfileUpdated: v.object({ userId: text, timezone: v.string() }),
  UserDeleted: v.object({ userId: text }),
  SessionLogged: v.object({
    sessionId: text,
    userId: text,
    startedAt: instant,
    volumeKg: v.pipe(v.number(), v.finite()),
    exerciseIds: v.array(v.string()),
    personalRecords: v.array(v.object({
      exerciseId: text,
      kind: text,
      value: v.pipe(v.number(), v.finite()),
    })),
  }),
  ReportRequested: v.object({ reportId: text, userId: v.optional(text) }),
  PaymentSucceeded: v.object({
    paymentId: text,
    userId: text,
    amountCents,
    currency,
    succeededAt: instant,
  }),
  PaymentRefunded: v.object({
    paymentId: text,
    userId: text,
    amountCents,
    currency,
    refundedAt: instant,
  }),
};
