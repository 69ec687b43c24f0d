/**
 * The GraphQL gateway serves `/graphql` (POST JSON and GET) for the
 * first-party web and mobile apps: one schema over the domain workers, which
 * it reaches only through service bindings.
 *
 * Queries are checked for depth and cost before they run; introspection is
 * off unless enabled (it is in the embedded default, not in production).
 *
 * @module
 */
import { graphqlServer } from "@hono/graphql-server";
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createWorkerApp } from "../../shared/http/worker_app.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import type { PlatformDeps } from "../../shared/runtime/deps.ts";
import type { DomainWorkerName } from "../../shared/runtime/workers.ts";
import { normalizeGraphqlRequest, shapeGraphqlErrors } from "./errors.ts";
import { defaultQueryLimits, type QueryLimits, queryLimitsRule } from "./query_limits.ts";
import { createRootValue } from "./resolvers.ts";
import { buildGatewaySchema } from "./schema.ts";

/** What the GraphQL gateway needs. */
export interface GatewayGraphqlDeps extends PlatformDeps {
  peers: Record<DomainWorkerName, ServiceBinding>;
  /** Allow schema introspection (development tools); off in production. */
  introspection?: boolean;
  limits?: QueryLimits;
}

/** The GraphQL gateway's Hono app. */
export function createGatewayGraphqlWorker(deps: GatewayGraphqlDeps) {
  const app = createWorkerApp({
    worker: "gateway-graphql",
    log: deps.log.with({ worker: "gateway-graphql" }),
    metrics: createWorkerMetrics("gateway-graphql"),
    internalSecret: deps.internalSecret,
    edge: true,
    corsOrigins: deps.corsOrigins,
  });
  const validationRules: ValidationRule[] = [queryLimitsRule(deps.limits ?? defaultQueryLimits)];
  if (!deps.introspection) validationRules.push(NoSchemaIntrospectionCustomRule);

  app.use("/graphql", shapeGraphqlErrors, normalizeGraphqlRequest);
  app.on(
    ["GET", "POST"],
    "/graphql",
    graphqlServer<WorkerEnv>({
      schema: buildGatewaySchema(),
      rootResolver: (c) => createRootValue(c, deps.peers, deps.internalSecret),
      validationRules,
    }),
  );
  return app;
}

/** The app's type. */
export type GatewayGraphqlApp = ReturnType<typeof createGatewayGraphqlWorker>;
