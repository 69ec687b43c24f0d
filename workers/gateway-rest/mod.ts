/**
 * The REST gateway is the public face of FitConnect: `/v1/...` for everyone
 * (third parties included), `/health`, `/metrics`, and `/graphql` passed to
 * the GraphQL gateway, so the whole platform answers on one origin; and, given
 * its files, the web app at `/` (./web_app.ts).
 *
 * It owns no data: it forwards each request through a service binding to the
 * worker that owns the path (see ./routes.ts). Those bindings forward for
 * clients and never carry the internal secret; only its own health checks
 * go out signed.
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { platformHealth } from "../../shared/health/platform_health.ts";
import { createWorkerApp } from "../../shared/http/worker_app.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { PlatformDeps } from "../../shared/runtime/deps.ts";
import type { DomainWorkerName } from "../../shared/runtime/workers.ts";
import { forward } from "./forward.ts";
import { workerDocument } from "../../shared/http/openapi/worker_document.ts";
import { publicDocument } from "./openapi.ts";
import { docsPage } from "./docs_page.ts";
import { gatewayDocs, graphqlDescription } from "./route_docs.ts";
import { type ForwardTarget, publicRoutes } from "./routes.ts";
import { serveWebApp, type WebAppFiles } from "./web_app.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { jsonCompression } from "./compression.ts";
import { coalescingCounter } from "../../shared/http/rate_limit.ts";
import { defaultRestRateLimits, restRateLimit, type RestRateLimits } from "./rate_limits.ts";

// What the compositions wire around the factory: the web app's files from a directory.
export { type WebAppFiles, webAppFromDirectory, webEntries } from "./web_app.ts";
export { rateLimitEntries, type RestRateLimits, restRateLimitsFrom } from "./rate_limits.ts";

/** What the REST gateway needs. */
export interface GatewayRestDeps extends PlatformDeps {
  /** Signed bindings to the domain workers, for the gateway's own calls (health). */
  peers: Record<DomainWorkerName, ServiceBinding>;
  /** Bindings made with `forwardsClients`, one per worker a public path leads to. */
  upstreams: Record<ForwardTarget, ServiceBinding>;
  /** The built web app, served at `/` (./web_app.ts); the API alone without it. */
  web?: WebAppFiles;
  /** Names callers for the rate limits (./rate_limits.ts). */
  verifier: TokenVerifier;
  /** The rate limits' counters (shared by every process). */
  kv: KeyValueStore;
  /** The limits (./rate_limits.ts defaults otherwise). */
  rateLimits?: RestRateLimits;
}

/** The REST gateway's Hono app. */
export function createGatewayRestWorker(deps: GatewayRestDeps) {
  const metrics = createWorkerMetrics("gateway-rest");
  const app = createWorkerApp({
    worker: "gateway-rest",
    log: deps.log.with({ worker: "gateway-rest" }),
    metrics,
    internalSecret: deps.internalSecret,
    edge: true,
    corsOrigins: deps.corsOrigins,
  });
  // Outermost of the two, so it sees answers with their rate-limit headers and 429s too.
  app.use(jsonCompression());
  app.use(restRateLimit({
    counter: coalescingCounter(deps.kv),
    verifier: deps.verifier,
    limits: deps.rateLimits ?? defaultRestRateLimits,
    trustedProxies: deps.trustedProxies ?? [],
    registry: metrics.registry,
  }));
  // Before the API's routes, but it only answers paths outside the API (./web_app.ts).
  if (deps.web) app.use(serveWebApp(deps.web));

  const readHealth = platformHealth(deps.peers);
  app.get("/health", gatewayDocs.health, async (c) => {
    const fresh = c.req.query("fresh") === "1";
    const health = await readHealth(c.get("requestId"), { fresh });
    c.header("cache-control", "no-store");
    return c.json(health, health.status === "ok" ? 200 : 503);
  });
  const document = publicDocument({
    own: () =>
      Promise.all([
        workerDocument(app, "gateway-rest"),
        workerDocument(graphqlDescription, "gateway-graphql"),
      ]),
    peers: deps.peers,
    routes: [["/metrics", "metrics"], ...publicRoutes],
  });
  app.get("/v1/openapi.json", gatewayDocs.openApi, async (c) => {
    const body = await document(c.get("requestId"));
    c.header("cache-control", "no-cache");
    return c.json(body);
  });
  app.route("/", docsPage());
  // The metrics worker checks the operator's bearer token itself.
  app.get("/metrics", (c) => forward(c, deps.upstreams.metrics, forwarding("metrics")));
  for (const [pattern, worker] of publicRoutes) {
    const options = forwarding(worker);
    app.all(pattern, (c) => forward(c, deps.upstreams[worker], options));
  }
  return app;

  function forwarding(name: ForwardTarget) {
    return { name, internalSecret: deps.internalSecret, trustedProxies: deps.trustedProxies };
  }
}

/** The app's type, for typed clients. */
export type GatewayRestApp = ReturnType<typeof createGatewayRestWorker>;
