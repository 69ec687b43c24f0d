/**
 * The root value: one resolver per top-level field, each calling the workers
 * through their bindings with the caller's request id.
 *
 * @module
 */
import type { Context } from "hono";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { checkPlatformHealth } from "../../shared/health/platform_health.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";

/** The resolvers of one request. */
export function createRootValue(c: Context<WorkerEnv>, peers: Record<string, ServiceBinding>) {
  return {
    health: async () => {
      const health = await checkPlatformHealth(peers, c.get("requestId"));
      return {
        status: health.status,
        workers: Object.entries(health.workers).map(([name, status]) => ({ name, status })),
      };
    },
  };
}
