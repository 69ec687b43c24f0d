/**
 * The REST gateway is the public face of FitConnect: `/v1/...` for everyone
 * (third parties included), `/health`, `/metrics`, and `/graphql` passed to
 * the GraphQL gateway, so the whole platform answers on one origin.
 *
 * It owns no data: it forwards each request through a service binding to the
 * worker that owns the path (see ./routes.ts).
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { checkPlatformHealth } from "../../shared/health/platform_health.ts";
import { createWorkerApp } from "../../shared/http/worker_app.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { PlatformDeps } from "../../shared/runtime/deps.ts";
import { type DomainWorkerName, domainWorkerNames } from "../../shared/runtime/workers.ts";
import { forward } from "./forward.ts";
import { type ForwardTarget, publicRoutes } from "./routes.ts";

/** Every worker the REST gateway forwards to. */
export type GatewayRestPeers = Record<ForwardTarget, ServiceBinding>;

/** What the REST gateway needs. */
export interface GatewayRestDeps extends PlatformDeps {
  peers: GatewayRestPeers;
}

/** The REST gateway's Hono app. */
export function createGatewayRestWorker(deps: GatewayRestDeps) {
  const app = createWorkerApp({
    worker: "gateway-rest",
    log: deps.log.with({ worker: "gateway-rest" }),
    metrics: createWorkerMetrics("gateway-rest"),
    internalSecret: deps.internalSecret,
    edge: true,
    corsOrigins: deps.corsOrigins,
  });
  const domainPeers = Object.fromEntries(
    domainWorkerNames.map((name) => [name, deps.peers[name]]),
  ) as Record<DomainWorkerName, ServiceBinding>;

  app.get("/health", async (c) => {
    const health = await checkPlatformHealth(domainPeers, c.get("requestId"));
    c.header("cache-control", "no-store");
    return c.json(health, health.status === "ok" ? 200 : 503);
  });
  app.get("/metrics", (c) => forward(c, deps.peers.metrics, "metrics"));
  for (const [pattern, worker] of publicRoutes) {
    app.all(pattern, (c) => forward(c, deps.peers[worker], worker, deps.trustedProxies));
  }
  return app;
}

/** The app's type, for typed clients. */
export type GatewayRestApp = ReturnType<typeof createGatewayRestWorker>;
