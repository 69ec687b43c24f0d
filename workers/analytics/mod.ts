/**
 * The analytics worker owns progress summaries, reports and the admin overview, fed by events.
 * Its tables live in the `analytics` Postgres schema (./tables.ts).
 *
 * @module
 */
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";

/** What the analytics worker needs. */
export type AnalyticsDeps = DomainDeps;

/** The analytics worker's Hono app; no side effects until it serves a request. */
export function createAnalyticsWorker(deps: AnalyticsDeps) {
  return createDomainApp("analytics", deps);
}

/** The app's type, for typed clients (`hc<AnalyticsApp>`). */
export type AnalyticsApp = ReturnType<typeof createAnalyticsWorker>;
