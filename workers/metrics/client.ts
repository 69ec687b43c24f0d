/**
 * The typed client of the metrics worker's admin routes (the queue's dead
 * letters), e.g. the GraphQL gateway acting for an admin with the admin's
 * own token:
 *
 * ```ts
 * const metrics = createMetricsClient(upstreams.metrics, { requestId, headers });
 * await metrics.v1.admin["dead-letters"].$get({ query: { limit: "50" } }); // 200, 401, 403
 * await metrics.v1.admin["dead-letters"][":id"].replay.$post({ param: { id } }); // 202, or 404
 * ```
 *
 * @module
 */
import { workerClientFactory } from "../../shared/bindings/worker_client.ts";
import type { MetricsAdminApp } from "./mod.ts";

/** A typed client of the metrics worker behind a binding, carrying the caller's request id. */
export const createMetricsClient = workerClientFactory<MetricsAdminApp>();

/** The metrics worker's client type. */
export type MetricsClient = ReturnType<typeof createMetricsClient>;
