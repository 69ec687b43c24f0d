/**
 * The payments worker's wire shapes: what its routes answer for a plan, a
 * payment and a membership.
 *
 * @module
 */
import type { MembershipRow, PaymentRow, PlanRow } from "./repository.ts";
import type { MembershipBody, PaymentBody, PlanBody } from "./schema.ts";

/** The wire shape of a plan. */
export function planBody(plan: PlanRow): PlanBody {
  return {
    id: plan.id,
    name: plan.name,
    interval: plan.interval,
    priceCents: plan.priceCents,
    currency: plan.currency,
  };
}

/** The wire shape of a payment. */
export function paymentBody(payment: PaymentRow): PaymentBody {
  return {
    id: payment.id,
    status: payment.status,
    amountCents: payment.amountCents,
    currency: payment.currency,
    clientSecret: payment.clientSecret,
    items: payment.items.map(({ sku, name, quantity, unitPriceCents }) => ({
      sku,
      name,
      quantity,
      unitPriceCents,
    })),
    planId: payment.planId,
    failureReason: payment.failureReason,
    createdAt: payment.createdAt.toISOString(),
  };
}

/** The wire shape of a membership at `now` (inactive when there is none). */
export function membershipBody(row: MembershipRow | undefined, now: Date): MembershipBody {
  if (!row) return { active: false, planId: null, currentPeriodEnd: null };
  return {
    active: row.currentPeriodEnd.getTime() > now.getTime(),
    planId: row.planId,
    currentPeriodEnd: row.currentPeriodEnd.toISOString(),
  };
}
