/**
 * The public webhook events and their payloads: what a receiver gets is
 * `{ type, timestamp, data }`, where `data` is built here field by field from
 * the platform's event, so an internal field added to a platform event never
 * reaches a third party by accident.
 *
 * @module
 */
import type { StockLow } from "../inventory/contracts.ts";
import type {
  MembershipChanged,
  PaymentRefunded,
  PaymentSucceeded,
} from "../payments/contracts.ts";
import type { SessionLogged } from "../workouts/contracts.ts";

/** Every event a subscription may ask for. */
export const webhookEventTypes = [
  "session.logged",
  "personal_record.achieved",
  "payment.succeeded",
  "payment.refunded",
  "membership.changed",
  "stock.low",
] as const;

export type WebhookEventType = typeof webhookEventTypes[number];

/** Events about the whole gym, not one member: only admins may subscribe to them. */
export const adminOnlyEvents: readonly WebhookEventType[] = ["stock.low"];

/** The body of every delivery. */
export interface WebhookEnvelope {
  type: WebhookEventType;
  /** When the event happened (RFC 3339). */
  timestamp: string;
  data: Record<string, unknown>;
}

/** `session.logged`: a session the member logged. */
export function sessionLoggedData(event: SessionLogged) {
  return {
    sessionId: event.sessionId,
    startedAt: event.startedAt,
    endedAt: event.endedAt,
    volumeKg: event.volumeKg,
    exerciseIds: event.exerciseIds,
    personalRecordCount: event.personalRecords.length,
  };
}

/** `personal_record.achieved`: one per record a session broke. */
export function personalRecordData(event: SessionLogged) {
  return event.personalRecords.map((record) => ({
    sessionId: event.sessionId,
    exerciseId: record.exerciseId,
    kind: record.kind,
    value: record.value,
  }));
}

/** `payment.succeeded`. */
export function paymentSucceededData(event: PaymentSucceeded) {
  return {
    paymentId: event.paymentId,
    amountCents: event.amountCents,
    currency: event.currency,
    planId: event.planId,
    items: event.items.map(({ sku, quantity, unitPriceCents }) => ({
      sku,
      quantity,
      unitPriceCents,
    })),
    succeededAt: event.succeededAt,
  };
}

/** `payment.refunded`. */
export function paymentRefundedData(event: PaymentRefunded) {
  return {
    paymentId: event.paymentId,
    amountCents: event.amountCents,
    currency: event.currency,
    refundedAt: event.refundedAt,
  };
}

/** `membership.changed`. */
export function membershipChangedData(event: MembershipChanged) {
  return {
    planId: event.planId,
    active: event.active,
    currentPeriodEnd: event.currentPeriodEnd,
    reason: event.reason,
  };
}

/** `stock.low` (admins). */
export function stockLowData(event: StockLow) {
  return {
    sku: event.sku,
    name: event.name,
    available: event.available,
    threshold: event.threshold,
  };
}
