/**
 * The analytics worker owns progress summaries, reports and the admin
 * overview, fed only by events. Its tables live in the `analytics` Postgres
 * schema (./tables.ts).
 *
 * - `POST /queue/deliveries`: the events it hears (./handlers.ts), verified
 *   and processed once each (shared/events/consumer.ts).
 * - `GET /v1/analytics/summary`: totals, streaks and the last 12 weeks, in
 *   the member's timezone (./calendar.ts, ./queries.ts).
 * - `POST /v1/analytics/reports`, `GET /v1/analytics/reports/:id`: reports
 *   computed through the queue (`ReportRequested` to itself, then
 *   `ReportReady` to notifications; ./reports.ts, ./events.ts).
 * - `GET /v1/admin/analytics/overview` (admins): users, signups, sessions,
 *   revenue (net per UTC day and currency, from `PaymentSucceeded` and
 *   `PaymentRefunded`) and paying members of the last 30 UTC days.
 *
 * @module
 */
import { consumerRoutes } from "../../shared/events/consumer.ts";
import { Counter } from "prom-client";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { DeliveryVerifier } from "../../shared/queue/signature.ts";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { createAnalyticsHandlers } from "./handlers.ts";
import { createAnalyticsRoutes } from "./routes.ts";
import { createAnalyticsRepository } from "./repository.ts";
import { createAnalyticsService } from "./service.ts";
import { erasedUsers, outbox, processedMessages } from "./tables.ts";
import { eventProducer } from "../../shared/events/outbox_relay.ts";

/** What the analytics worker needs. */
export type AnalyticsDeps = DomainDeps & {
  /** Checks the queue's signature on every delivery. */
  deliveries: DeliveryVerifier;
};

/** The analytics worker's Hono app; no side effects until it serves a request. */
export function createAnalyticsWorker(deps: AnalyticsDeps) {
  const metrics = createWorkerMetrics("analytics");
  const now = deps.now ?? (() => new Date());
  const db = deps.postgres.db;
  const reports = new Counter({
    name: "fitconnect_reports_total",
    help: "Member reports by kind and status: requested, then ready or failed.",
    labelNames: ["kind", "status"] as const,
    registers: [metrics.registry],
  });
  const service = createAnalyticsService({
    repository: createAnalyticsRepository(db),
    now,
    reportRequested: (kind) => reports.inc({ kind, status: "requested" }),
  });
  const log = deps.log.with({ worker: "analytics" });
  const app = createDomainApp("analytics", deps, metrics)
    .route("/", createAnalyticsRoutes(service, deps.verifier))
    .route(
      "/",
      consumerRoutes({
        worker: "analytics",
        db,
        processed: processedMessages,
        verifier: deps.deliveries,
        handlers: createAnalyticsHandlers({
          now,
          reportCompleted: (kind, status) => reports.inc({ kind, status }),
        }),
        // Revenue must count whoever paid: a late payment event is recorded, then anonymised.
        erasures: { table: erasedUsers, reapply: ["PaymentSucceeded", "PaymentRefunded"] },
        log,
        registry: metrics.registry,
        now,
      }),
    );
  // ReportRequested (to itself) and ReportReady go out from here.
  return Object.assign(app, eventProducer({ db, table: outbox, log, registry: metrics.registry }));
}

/** The app's type, for typed clients (`hc<AnalyticsApp>`). */
export type AnalyticsApp = ReturnType<typeof createAnalyticsWorker>;
