/**
 * The webhooks worker's domain metrics: attempts by event type and outcome,
 * and how long receivers take to answer.
 *
 * @module
 */
import { Counter, Histogram, type Registry } from "prom-client";

/** The counters an attempt updates. */
export interface WebhookMetrics {
  attempted(event: string, outcome: string, latencyMs: number): void;
}

/** The metrics, registered in the worker's `registry`. */
export function createWebhookMetrics(registry: Registry): WebhookMetrics {
  const deliveries = new Counter({
    name: "fitconnect_webhook_deliveries_total",
    help: "Webhook delivery attempts, by event type and outcome (succeeded, failed, refused).",
    labelNames: ["event", "outcome"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "fitconnect_webhook_delivery_duration_seconds",
    help: "Time a webhook delivery attempt took, by event type.",
    labelNames: ["event"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    attempted(event, outcome, latencyMs) {
      deliveries.inc({ event, outcome });
      latency.observe({ event }, latencyMs / 1000);
    },
  };
}
