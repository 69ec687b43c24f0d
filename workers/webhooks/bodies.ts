/**
 * The wire shapes of subscriptions and deliveries. The signing secret is in
 * none of them: it is answered once, when created or rotated.
 *
 * @module
 */
import type { LoggedDelivery } from "./delivery_store.ts";
import type { SubscriptionRow } from "./subscription_store.ts";

/** A subscription as answered. */
export function subscriptionBody(row: SubscriptionRow, now: Date) {
  const overlapping = row.previousSecretExpiresAt &&
    row.previousSecretExpiresAt.getTime() > now.getTime();
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    enabled: row.enabled,
    /** `failing_deliveries` when the platform disabled it; null otherwise. */
    disabledReason: row.disabledReason,
    /** Until when the previous secret still signs (after a rotation), else null. */
    previousSecretExpiresAt: overlapping ? row.previousSecretExpiresAt!.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A delivery and its attempts as answered. */
export function deliveryBody(row: LoggedDelivery) {
  return {
    id: row.id,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    log: row.log.map((attempt) => ({
      attempt: attempt.attempt,
      outcome: attempt.outcome,
      responseStatus: attempt.responseStatus,
      responseExcerpt: attempt.responseExcerpt,
      latencyMs: attempt.latencyMs,
      attemptedAt: attempt.attemptedAt.toISOString(),
    })),
  };
}
