/**
 * What other workers may know of the payments worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
import * as v from "valibot";
import { defineEvent, eventFields, type PayloadOf } from "../../shared/events/contract.ts";
export { paymentsProblems } from "./problems.ts";

/** One line of a paid order, priced by inventory when it was reserved. */
const paidLine = v.object({
  sku: eventFields.id,
  quantity: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  unitPriceCents: eventFields.amountCents,
});

/**
 * The payment events state outcomes that never change once reached
 * (succeeded, failed, refunded): consumers apply each once by payment and
 * kind, in any order, so they carry no version.
 */
const payment = {
  paymentId: eventFields.id,
  userId: eventFields.id,
  amountCents: eventFields.amountCents,
  currency: eventFields.currency,
};

/** A payment went through: stock is sold, the membership granted. */
export const PaymentSucceeded = defineEvent(
  "PaymentSucceeded",
  v.object({
    ...payment,
    planId: v.nullable(eventFields.id),
    items: v.array(paidLine),
    succeededAt: eventFields.instant,
  }),
);
export type PaymentSucceeded = PayloadOf<typeof PaymentSucceeded>;

/** A payment was declined or could not complete: its reservation is released. */
export const PaymentFailed = defineEvent(
  "PaymentFailed",
  v.object({
    ...payment,
    /** The provider's decline code or message, safe to show the member. */
    reason: v.pipe(v.string(), v.maxLength(500)),
    failedAt: eventFields.instant,
  }),
);
export type PaymentFailed = PayloadOf<typeof PaymentFailed>;

/** An admin refunded a payment: revenue is reduced on the day of the refund. */
export const PaymentRefunded = defineEvent(
  "PaymentRefunded",
  v.object({ ...payment, refundedAt: eventFields.instant }),
);
export type PaymentRefunded = PayloadOf<typeof PaymentRefunded>;

/**
 * A member's membership changed: a plan bought (granted or extended) or a
 * plan payment refunded (shortened). `active` is whether it runs at
 * `changedAt`. Each change is its own fact: no version.
 */
export const MembershipChanged = defineEvent(
  "MembershipChanged",
  v.object({
    userId: eventFields.id,
    planId: eventFields.id,
    active: v.boolean(),
    currentPeriodEnd: eventFields.instant,
    reason: v.picklist(["purchased", "refunded"]),
    changedAt: eventFields.instant,
  }),
);
export type MembershipChanged = PayloadOf<typeof MembershipChanged>;
