/**
 * The platform's health as both gateways report it: every domain worker's own
 * `/internal/health` (which round-trips to its stores), asked at once, at most
 * once per short window per gateway (./cached_health.ts).
 *
 * @module
 */
import type { ServiceBinding } from "../bindings/service_binding.ts";
import { createWorkerClient } from "../bindings/worker_client.ts";
import type { WorkerApp } from "../http/worker_app.ts";
import { type HealthStatus, runHealthChecks } from "./checks.ts";
import { type CachedHealth, cacheHealth } from "./cached_health.ts";

/** `{ status, workers: { auth: "ok", … } }`: `status` is `ok` only when every worker is. */
export interface PlatformHealth {
  status: HealthStatus;
  workers: Record<string, HealthStatus>;
}

/** Asks each worker's `/internal/health` through its binding; no answer within the timeout is `down`. */
export async function checkPlatformHealth(
  workers: Record<string, ServiceBinding>,
  requestId: string,
): Promise<PlatformHealth> {
  const checks = Object.fromEntries(
    Object.entries(workers).map(([name, binding]) => [name, async () => {
      const client = createWorkerClient<WorkerApp>(binding, { requestId });
      const response = await client.internal.health.$get();
      await response.body?.cancel();
      if (!response.ok) throw new Error(`${name} answered ${response.status}`);
    }]),
  );
  const statuses = await runHealthChecks(checks);
  const ok = Object.values(statuses).every((status) => status === "ok");
  return { status: ok ? "ok" : "down", workers: statuses };
}

/** {@linkcode checkPlatformHealth} behind the short window of ./cached_health.ts: one per gateway. */
export function platformHealth(
  workers: Record<string, ServiceBinding>,
): CachedHealth<PlatformHealth> {
  return cacheHealth((requestId) => checkPlatformHealth(workers, requestId));
}
