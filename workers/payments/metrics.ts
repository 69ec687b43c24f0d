/**
 * The payments worker's domain metrics, in its own registry.
 *
 * @module
 */
import { Counter, Histogram, type Registry } from "prom-client";

/** Counters and histograms of payments and webhooks. */
export interface PaymentsMetrics {
  /**
   * A payment reached `status` (created = requires_confirmation); with its
   * amount once settled (succeeded, failed, refunded), so revenue is a query.
   */
  payment(status: string, amount?: { amountCents: number; currency: string }): void;
  /** A webhook was answered: processed, duplicate, ignored, invalid_signature or failed. */
  webhook(type: string, result: string): void;
  /** Seconds from the event's creation at the provider to its processing here. */
  lag(seconds: number): void;
}

/** The metrics, registered in `registry`. */
export function createPaymentsMetrics(registry: Registry): PaymentsMetrics {
  const payments = new Counter({
    name: "fitconnect_payments_total",
    help: "Payments that reached a status (requires_confirmation when created).",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const amounts = new Counter({
    name: "fitconnect_payments_amount_cents_total",
    help: "Amounts of settled payments in minor units (cents), by status and currency: " +
      "revenue is succeeded minus refunded.",
    labelNames: ["status", "currency"] as const,
    registers: [registry],
  });
  const webhooks = new Counter({
    name: "fitconnect_webhooks_total",
    help: "Stripe webhook events received, by type and result.",
    labelNames: ["type", "result"] as const,
    registers: [registry],
  });
  const lag = new Histogram({
    name: "fitconnect_webhook_lag_seconds",
    help: "Time from a Stripe event's creation to its processing.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 1800, 7200],
    registers: [registry],
  });
  return {
    payment(status, amount) {
      payments.inc({ status });
      if (amount) amounts.inc({ status, currency: amount.currency }, amount.amountCents);
    },
    webhook: (type, result) => webhooks.inc({ type, result }),
    lag: (seconds) => lag.observe(Math.max(0, seconds)),
  };
}
