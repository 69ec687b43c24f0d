/**
 * Metrics reporting for a worker started on its own (split, production): its
 * isolate reports the deltas of its metrics, and the process's runtime
 * metrics, to the metrics worker at FITCONNECT_METRICS_URL (the metrics
 * worker to itself, in-process) every FITCONNECT_METRICS_REPORT_INTERVAL_MS,
 * when the metrics worker asks, and once more at shutdown.
 *
 * @module
 */
import type { Registry } from "prom-client";
import { type Fetcher, httpBinding, inProcessBinding } from "../bindings/service_binding.ts";
import type { Env } from "../config/parse_config.ts";
import type { Logger } from "../logging/logger.ts";
import { processMetrics } from "../metrics/process_metrics.ts";
import { createReporting } from "../metrics/reporting.ts";
import { sendReportsTo } from "../metrics/report_route.ts";
import { parsePeerUrls, type PlatformConfig } from "./platform_config.ts";
import { onShutdown } from "./shutdown.ts";
import { withinDeadline } from "../resilience/deadline.ts";

/** How long the last report at shutdown may take. */
const lastReportMs = 3_000;

/** Starts `app`'s reporting; returns `app`, to serve. */
export function bootReporting(
  worker: string,
  app: Fetcher,
  options: {
    env: Env;
    config: Pick<
      PlatformConfig,
      "FITCONNECT_INTERNAL_SECRET" | "FITCONNECT_METRICS_REPORT_INTERVAL_MS"
    >;
    log: Logger;
    /** More registries of this isolate (the queue's counters). */
    registries?: Registry[];
  },
): Fetcher {
  const internalSecret = options.config.FITCONNECT_INTERNAL_SECRET;
  const metrics = worker === "metrics"
    ? inProcessBinding(app, { internalSecret, peer: "metrics" })
    : httpBinding(parsePeerUrls(["metrics"], options.env).metrics, {
      internalSecret,
      peer: "metrics",
    });
  const reporting = createReporting({
    worker,
    app,
    registries: [processMetrics(worker), ...(options.registries ?? [])],
    send: sendReportsTo(metrics),
    log: options.log,
  });
  const stop = reporting.start(options.config.FITCONNECT_METRICS_REPORT_INTERVAL_MS);
  onShutdown("last metrics report", async () => {
    stop();
    // Bounded: a stopping process is killed soon after (split waits 5 s); what does not go is lost.
    await withinDeadline(
      reporting.reporter.flush(),
      lastReportMs,
      () => new Error(`no answer within ${lastReportMs} ms`),
    );
  }, options.log);
  return app;
}
