/**
 * The typed client other workers use to reach the analytics worker, e.g. the
 * GraphQL gateway asking for a member's report with the member's own token:
 *
 * ```ts
 * const analytics = createAnalyticsClient(upstreams.analytics, { requestId, headers });
 * await analytics.v1.analytics.summary.$get(); // 200
 * await analytics.v1.analytics.reports.$post({ json: { kind: "volume", from, to } }); // 202
 * ```
 *
 * @module
 */
import { workerClientFactory } from "../../shared/bindings/worker_client.ts";
import type { AnalyticsApp } from "./mod.ts";

/** A typed client of the analytics worker behind a binding, carrying the caller's request id. */
export const createAnalyticsClient = workerClientFactory<AnalyticsApp>();

/** The analytics worker's client type. */
export type AnalyticsClient = ReturnType<typeof createAnalyticsClient>;
