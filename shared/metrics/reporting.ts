/**
 * A worker's metrics reporting around its entry: the isolate's reporter
 * (./delta_reporter.ts) over the worker app's registry and the isolate's
 * others, flushed
 *
 * - on a timer, where timers live (`start`);
 * - when the metrics worker asks, before it pushes: `POST /internal/metrics/report`
 *   (internal secret required; 204 once sent, 503 when the report could not go);
 * - at shutdown (the composition root calls `flush`).
 *
 * The route is answered here, before the app, like the outbox relay's
 * scheduler route: a worker needs no route of its own for it.
 *
 * @module
 */
import type { Registry } from "prom-client";
import type { Fetcher } from "../bindings/service_binding.ts";
import { isInternalCall } from "../http/middleware/internal_only.ts";
import { platformProblems, Problem } from "../http/problem.ts";
import { describeError } from "../logging/describe_error.ts";
import type { Logger } from "../logging/logger.ts";
import { createDeltaReporter, type DeltaReporter } from "./delta_reporter.ts";
import type { MetricsReport } from "./report.ts";
import { metricsOf } from "./worker_metrics.ts";

/** Where the metrics worker asks an isolate to report now. */
export const reportNowPath = "/internal/metrics/report";

/** What a worker's reporting needs. */
export interface ReportingOptions {
  worker: string;
  /** The worker's app: its registry is reported. */
  app: Fetcher;
  /** More registries of this isolate (process metrics, the queue's counters). */
  registries?: Registry[];
  send(report: MetricsReport): Promise<void>;
  internalSecret: string;
  log: Logger;
}

/** The worker's entry with reporting, and its reporter. */
export interface Reporting {
  entry: Fetcher;
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

  async function reportNow(): Promise<Response> {
    try {
      await reporter.flush();
      return new Response(null, { status: 204 });
    } catch (error) {
      log.warn("metrics report failed", { error: describeError(error) });
      return new Problem(
        platformProblems.SERVICE_UNAVAILABLE,
        "The report did not reach the metrics worker; it is kept for the next one.",
      ).getResponse(crypto.randomUUID());
    }
  }

  return {
    reporter,
    entry: {
      fetch(request, env) {
        // String checks first: no URL is parsed for the requests that are not this one.
        if (
          request.method === "POST" && request.url.endsWith(reportNowPath) &&
          new URL(request.url).pathname === reportNowPath &&
          isInternalCall(request, options.internalSecret)
        ) {
          return reportNow();
        }
        return app.fetch(request, env);
      },
    },
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
