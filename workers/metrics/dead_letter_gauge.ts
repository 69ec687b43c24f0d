/**
 * `fitconnect_dead_letters{type,consumer}`: deliveries waiting in the dead
 * letters for an operator, read from the queue's store at each collection
 * (so it falls back to 0 when they are replayed, which a counter cannot say).
 *
 * @module
 */
import { Gauge, type Registry } from "prom-client";
import { describeError } from "../../shared/logging/describe_error.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { DeadLetters } from "../../shared/queue/port.ts";

/** The most dead letters read per collection: "at least this many" is enough to page. */
const countedAtMost = 500;

/** Registers the gauge on `registry`. */
export function deadLetterGauge(deadLetters: DeadLetters, registry: Registry, log: Logger): void {
  new Gauge({
    name: "fitconnect_dead_letters",
    help: `Dead letters waiting to be replayed, by event type and consumer ` +
      `(read up to ${countedAtMost}).`,
    labelNames: ["type", "consumer"] as const,
    registers: [registry],
    async collect() {
      try {
        const letters = await deadLetters.list({ limit: countedAtMost });
        this.reset();
        for (const letter of letters) {
          this.inc({ type: letter.message.type, consumer: letter.consumer });
        }
      } catch (error) {
        // A collection must not fail because the queue's store is briefly away: keep the last values.
        log.warn("dead letters unavailable for metrics", { error: describeError(error) });
      }
    },
  });
}
