/**
 * The GraphQL gateway serves `/graphql` (POST JSON and GET) for the
 * first-party web and mobile apps: one schema over the domain workers, which
 * it reaches only through service bindings.
 *
 * Each request is rate-limited per client address, then checked — shape,
 * validity, operation, variables, cost with those variables — before any
 * resolver runs (./prepare.ts); each distinct query is parsed and validated
 * once, and clients may send a persisted query's hash instead of its text
 * (./persisted_queries.ts); answers of public queries (the exercise
 * catalog) are kept for a few seconds (./public_answers.ts). Introspection
 * is off unless enabled (it is in the embedded default, not in production).
 *
 * @module
 */
import { NoSchemaIntrospectionCustomRule, specifiedRules, type ValidationRule } from "graphql";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { coalescingCounter, type RateLimit } from "../../shared/http/rate_limit.ts";
import { createWorkerApp } from "../../shared/http/worker_app.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { PlatformDeps } from "../../shared/runtime/deps.ts";
import type { DomainWorkerName } from "../../shared/runtime/workers.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { graphqlHandler } from "./graphql_handler.ts";
import { type QueryLimits, withDefaults } from "./query_limits.ts";
import { persistedQueries } from "./persisted_queries.ts";
import { publicAnswers } from "./public_answers.ts";
import { defaultGraphqlRateLimit, graphqlRateLimit } from "./rate_limit.ts";
import { createRootValue } from "./resolvers.ts";
import { buildGatewaySchema } from "./schema.ts";
import { platformHealth } from "../../shared/health/platform_health.ts";
import { graphiqlRoutes } from "./graphiql_page.ts";

/** What the GraphQL gateway needs. */
export type { QueryLimits } from "./query_limits.ts";
export { graphqlEntries, graphqlRateLimitFrom } from "./config.ts";
/** The schema the gateway serves (clients generate their types from it). */
export { buildGatewaySchema } from "./schema.ts";

export interface GatewayGraphqlDeps extends PlatformDeps {
  /** Signed bindings to the domain workers, for the gateway's own calls (health). */
  peers: Record<DomainWorkerName, ServiceBinding>;
  /** Bindings made with `forwardsClients`: what resolvers call for the client. */
  upstreams: Record<DomainWorkerName, ServiceBinding>;
  /** Allow schema introspection (development tools); off in production. */
  introspection?: boolean;
  /** Query limits; each unset one keeps its default (./query_limits.ts). */
  limits?: QueryLimits;
  /** The store the rate limit counts on, shared by every isolate (Upstash in production). */
  kv: KeyValueStore;
  /** Requests per client address (default 300 a minute). */
  rateLimit?: RateLimit;
}

/** The GraphQL gateway's Hono app. */
export function createGatewayGraphqlWorker(deps: GatewayGraphqlDeps) {
  const log = deps.log.with({ worker: "gateway-graphql" });
  const app = createWorkerApp({
    worker: "gateway-graphql",
    log,
    metrics: createWorkerMetrics("gateway-graphql"),
    internalSecret: deps.internalSecret,
    edge: true,
    corsOrigins: deps.corsOrigins,
  });
  const rootValue = createRootValue(
    { upstreams: deps.upstreams, health: platformHealth(deps.peers) },
    deps.internalSecret,
  );
  const validationRules: ValidationRule[] = [...specifiedRules];
  if (!deps.introspection) validationRules.push(NoSchemaIntrospectionCustomRule);

  app.use(
    "/graphql",
    graphqlRateLimit(
      // One store write at a time per client address, as the REST gateway counts: a burst's
      // first requests (no lease yet) would otherwise race on one key until they time out.
      coalescingCounter(deps.kv),
      deps.rateLimit ?? defaultGraphqlRateLimit,
      deps.internalSecret,
    ),
  );
  const schema = buildGatewaySchema();
  if (deps.introspection) app.route("/", graphiqlRoutes(schema));
  app.on(
    ["GET", "POST"],
    "/graphql",
    graphqlHandler({
      schema,
      limits: withDefaults(deps.limits),
      validationRules,
      persisted: persistedQueries(deps.kv, log),
      publicAnswers: publicAnswers(),
      rootValue,
    }),
  );
  return app;
}

/** The app's type. */
export type GatewayGraphqlApp = ReturnType<typeof createGatewayGraphqlWorker>;
