/**
 * The root value: one resolver per top-level field, each calling a worker
 * through its typed client with the caller's credentials and request id.
 *
 * @module
 */
import type { Context } from "hono";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import type { CachedHealth } from "../../shared/health/cached_health.ts";
import type { PlatformHealth } from "../../shared/health/platform_health.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import type { DomainWorkerName } from "../../shared/runtime/workers.ts";
import { identityResolvers } from "./domains/identity.ts";
import { workoutsResolvers } from "./domains/workouts.ts";
import { progressResolvers } from "./domains/progress.ts";
import { commerceResolvers } from "./domains/commerce.ts";
import { adminResolvers } from "./domains/admin.ts";
import { forwardedClients, relayFor } from "./forwarded_clients.ts";

/** The resolvers of one request. */
export function createRootValue(
  c: Context<WorkerEnv>,
  bindings: {
    /** Forwarding for the client (unsigned): every resolver's REST call. */
    upstreams: Record<DomainWorkerName, ServiceBinding>;
    /** The gateway's own health checks, through signed bindings, cached briefly. */
    health: CachedHealth<PlatformHealth>;
  },
  internalSecret: string,
) {
  const clients = forwardedClients(c, bindings.upstreams, internalSecret);
  const relay = relayFor(c.get("requestId"));
  return {
    ...identityResolvers(clients, relay),
    ...workoutsResolvers(clients, relay),
    ...progressResolvers(clients, relay),
    ...commerceResolvers(clients, relay),
    ...adminResolvers(clients, relay),
    // Once per request, however many aliases select it; the stores at most once per window.
    health: once(async () => {
      const health = await bindings.health(c.get("requestId"));
      return {
        status: health.status,
        workers: Object.entries(health.workers).map(([name, status]) => ({ name, status })),
      };
    }),
  };
}

/** `run`, called at most once; every call shares its promise. */
export function once<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => result ??= run();
}
