/**
 * How isolates hand their reports to the metrics worker:
 * `POST /internal/metrics/reports` (internal secret required, like every
 * `/internal/*` route), checked against the report schema (422 otherwise),
 * answered 200 `{ added }` — false for a report already added.
 *
 * The route lives here, mounted by the metrics worker, because every worker's
 * bootstrap (shared/runtime) calls it through its typed client.
 *
 * @module
 */
import { Hono } from "hono";
import type { ServiceBinding } from "../bindings/service_binding.ts";
import { workerClientFactory } from "../bindings/worker_client.ts";
import { jsonBody } from "../http/validation.ts";
import { ReportRefused } from "./delta_reporter.ts";
import { type MetricsReport, metricsReportSchema } from "./report.ts";

/** Where reports are added up: the metrics worker's totals. */
export interface ReportSink {
  /** Adds the report; false when a report with its id was already added. */
  add(report: MetricsReport): Promise<boolean>;
}

/** The reports route over `sink`. */
export function reportRoutes(sink: ReportSink) {
  return new Hono().post("/internal/metrics/reports", jsonBody(metricsReportSchema), async (c) => {
    return c.json({ added: await sink.add(c.req.valid("json")) }, 200);
  });
}

/** The routes' type, for the typed client. */
export type ReportRoutesApp = ReturnType<typeof reportRoutes>;

/** A typed client of the reports route behind a binding. */
export const createReportsClient = workerClientFactory<ReportRoutesApp>();

/**
 * A reporter's `send` to the metrics worker behind `metrics` (a binding
 * signed with the internal secret): ReportRefused on a 4xx, an error on
 * anything else that is not a 2xx.
 */
export function sendReportsTo(metrics: ServiceBinding) {
  const client = createReportsClient(metrics);
  return async (report: MetricsReport): Promise<void> => {
    const response = await client.internal.metrics.reports.$post({ json: report });
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const detail = await response.text();
    if (response.status < 500) throw new ReportRefused(response.status, detail);
    throw new Error(`Cannot report metrics: ${response.status} ${detail}`);
  };
}
