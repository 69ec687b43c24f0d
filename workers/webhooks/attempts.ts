/**
 * Runs one attempt of a delivery when the queue brings its
 * `WebhookAttemptDue`, outside any transaction (the receiver may take
 * seconds). It is idempotent: only the delivery's next attempt runs; an
 * attempt already made only makes sure its follow-up was scheduled (the
 * queue redelivers when that scheduling failed).
 *
 * A failed attempt schedules the next one by publishing its
 * `WebhookAttemptDue` to the queue with the backoff delay (./retry_schedule.ts).
 *
 * @module
 */
import type { Logger } from "../../shared/logging/logger.ts";
import type { MessageQueue } from "../../shared/queue/port.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import type { WebhookAttemptDue } from "./contracts.ts";
import { deliveryForAttempt, recordAttempt } from "./delivery_store.ts";
import type { WebhookMetrics } from "./metrics.ts";
import type { WebhookSender } from "./sender.ts";

/** What attempts need. */
export interface AttemptDeps {
  queue: MessageQueue;
  send: WebhookSender;
  metrics: WebhookMetrics;
  retryScheduleMs: readonly number[];
  disableAfter: number;
  now: () => Date;
  log: Logger;
}

/** The handler of `WebhookAttemptDue`. */
export function createAttemptRunner(deps: AttemptDeps) {
  const { queue, now } = deps;

  async function schedule(deliveryId: string, attempt: number, delayMs: number) {
    await queue.publish({
      id: crypto.randomUUID(),
      type: "WebhookAttemptDue",
      occurredAt: now().toISOString(),
      payload: { deliveryId, attempt, replay: false } satisfies WebhookAttemptDue,
    }, {
      consumer: "webhooks",
      delayMs: Math.max(0, delayMs),
      deduplicationId: `${deliveryId}:${attempt}`,
    });
  }

  return async (due: WebhookAttemptDue, db: Database): Promise<void> => {
    const found = await deliveryForAttempt(db, due.deliveryId);
    if (!found) return; // its subscription was deleted
    const { delivery, subscription } = found;
    if (due.attempt <= delivery.attempts) {
      if (delivery.status === "pending" && delivery.nextAttemptAt) {
        await schedule(
          delivery.id,
          delivery.attempts + 1,
          delivery.nextAttemptAt.getTime() - now().getTime(),
        );
      }
      return;
    }
    // A later attempt than the next is a stale message; a disabled subscription gets nothing.
    if (due.attempt !== delivery.attempts + 1 || !subscription.enabled) return;
    const at = now();
    const secrets = [subscription.secret];
    if (
      subscription.previousSecret && subscription.previousSecretExpiresAt &&
      subscription.previousSecretExpiresAt.getTime() > at.getTime()
    ) secrets.push(subscription.previousSecret);
    const result = await deps.send({
      url: subscription.url,
      id: delivery.id,
      body: delivery.body,
      secrets,
      timestamp: at,
    });
    deps.metrics.attempted(delivery.eventType, result.outcome, result.latencyMs);
    // Attempt n failed: wait retryScheduleMs[n - 1] before attempt n + 1, while one is left.
    const waitMs = result.outcome === "succeeded" || due.replay
      ? undefined
      : deps.retryScheduleMs[due.attempt - 1];
    const nextAttemptAt = waitMs === undefined ? undefined : new Date(at.getTime() + waitMs);
    const recorded = await recordAttempt(db, {
      delivery,
      attempt: due.attempt,
      result,
      at,
      nextAttemptAt,
      replay: due.replay,
      disableAfter: deps.disableAfter,
    });
    if (recorded.disabled) {
      deps.log.warn("webhook subscription disabled after failing deliveries", {
        subscriptionId: subscription.id,
      });
    }
    if (waitMs !== undefined) await schedule(delivery.id, due.attempt + 1, waitMs);
  };
}
