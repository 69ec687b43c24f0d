/**
 * A worker's metrics reporting: the isolate's reporter (./delta_reporter.ts)
 * over the worker app's registry and the isolate's others, attached to the
 * app, and flushed
 *
 * - on a timer, where timers live (`start`);
 * - when the metrics worker asks, before it pushes: the app's
 *   `POST /internal/metrics/report` (internal secret required; 204 once
 *   sent, 503 when the report could not go);
 * - at shutdown (the composition root calls `reporter.flush`).
 *
 * @module
 */
import type { Registry } from "prom-client";
import { describeError } from "../logging/describe_error.ts";
import type { Logger } from "../logging/logger.ts";
import { createDeltaReporter, type DeltaReporter } from "./delta_reporter.ts";
import type { MetricsReport } from "./report.ts";
import { attachReporter, metricsOf } from "./worker_metrics.ts";

/** What a worker's reporting needs. */
export interface ReportingOptions {
  worker: string;
  /** The worker's app: its registry is reported, and its report-now route flushes. */
  app: object;
  /** More registries of this isolate (process metrics, the queue's counters). */
  registries?: Registry[];
  send(report: MetricsReport): Promise<void>;
  log: Logger;
}

/** A worker's reporting. */
export interface Reporting {
  reporter: DeltaReporter;
  /** Flushes every `intervalMs`; returns the function that stops it. */
  start(intervalMs: number): () => void;
}

/** Reporting for `options.app`. */
export function createReporting(options: ReportingOptions): Reporting {
  const { app, log } = options;
  const own = metricsOf(app);
  if (!own) throw new Error(`Cannot report metrics of ${options.worker}: not a worker app`);
  const reporter = createDeltaReporter({
    worker: options.worker,
    registries: [own.registry, ...(options.registries ?? [])],
    send: options.send,
    log,
  });
  attachReporter(app, reporter);
  return {
    reporter,
    start(intervalMs) {
      const timer = setInterval(() => {
        reporter.flush().catch((error) =>
          log.warn("metrics report failed; it is kept for the next one", {
            error: describeError(error),
          })
        );
      }, intervalMs);
      return () => clearInterval(timer);
    },
  };
}
