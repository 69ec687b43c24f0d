/**
 * What every worker is given by its composition root: never read from the
 * environment inside a worker, so the same worker runs embedded, split and in
 * production with only its dependencies changed.
 *
 * @module
 */
import type { Logger } from "../logging/logger.ts";
import type { KeyValueStore } from "../stores/kv/port.ts";
import type { PostgresStore } from "../stores/postgres/port.ts";
import type { HealthCheck } from "../health/checks.ts";
import type { RevocationList } from "../auth/revocations.ts";
import type { TokenVerifier } from "../auth/verifier.ts";
import { createWorkerApp, type WorkerApp } from "../http/worker_app.ts";
import { createWorkerMetrics, type WorkerMetrics } from "../metrics/worker_metrics.ts";

/** Dependencies shared by every worker, gateways included. */
export interface PlatformDeps {
  log: Logger;
  /** Authenticates calls between workers (see shared/bindings). */
  internalSecret: string;
  corsOrigins?: string[];
  /** Proxies (IPs or CIDRs) whose `X-Forwarded-For` the gateway believes. */
  trustedProxies?: string[];
  /** The clock; tests move it. */
  now?: () => Date;
}

/** The stores of a domain worker. */
export interface StoreDeps {
  postgres: PostgresStore;
  kv: KeyValueStore;
}

/** How a domain worker authenticates callers. */
export interface AuthenticationDeps {
  /** Verifies access tokens against the auth worker's published keys. */
  verifier: TokenVerifier;
  /** Revoked subjects (read by the verifier; written by the auth worker). */
  revocations: RevocationList;
}

/** The usual dependencies of a domain worker. */
export type DomainDeps = PlatformDeps & StoreDeps & AuthenticationDeps;

/** A real round trip to each store, for the worker's `/internal/health`. */
export function storeHealthChecks(stores: StoreDeps): Record<string, HealthCheck> {
  return { postgres: () => stores.postgres.ping(), kv: () => stores.kv.ping() };
}

/** The base app of a domain worker: shared middleware, health of its stores, its own metrics. */
export function createDomainApp(
  worker: string,
  deps: DomainDeps,
  metrics: WorkerMetrics = createWorkerMetrics(worker),
): WorkerApp {
  return createWorkerApp({
    worker,
    log: deps.log.with({ worker }),
    metrics,
    internalSecret: deps.internalSecret,
    corsOrigins: deps.corsOrigins,
    health: storeHealthChecks(deps),
  });
}
