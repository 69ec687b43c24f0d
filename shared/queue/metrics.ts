/**
 * What the queue itself counts, per event type and consumer: messages
 * published, and each delivery attempt's outcome — delivered, failed and to
 * be retried, or dead (its last retry failed). Consumers count what they did
 * with a delivery and its latency (shared/events/consumer.ts).
 *
 * @module
 */
import { Counter, Registry } from "prom-client";

/** The outcome of one delivery attempt. */
export type AttemptResult = "delivered" | "retry" | "dead";

/** The queue's counters. */
export interface QueueMetrics {
  /** Their own registry, labelled `worker="queue"`: the metrics worker serves it with the rest. */
  readonly registry: Registry;
  published(type: string, consumer: string): void;
  attempted(type: string, consumer: string, result: AttemptResult): void;
}

/** The queue's counters, on a registry of their own. */
export function createQueueMetrics(): QueueMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ worker: "queue" });
  const published = new Counter({
    name: "fitconnect_queue_published_total",
    help: "Event messages published to the queue, by type and consumer.",
    labelNames: ["type", "consumer"] as const,
    registers: [registry],
  });
  const attempts = new Counter({
    name: "fitconnect_queue_delivery_attempts_total",
    help: "Delivery attempts by type, consumer and result (delivered, retry, dead).",
    labelNames: ["type", "consumer", "result"] as const,
    registers: [registry],
  });
  return {
    registry,
    published: (type, consumer) => published.inc({ type, consumer }),
    attempted: (type, consumer, result) => attempts.inc({ type, consumer, result }),
  };
}
