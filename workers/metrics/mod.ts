/**
 * The metrics worker owns the platform's view of itself: it collects every
 * worker's metrics, serves them merged at `/metrics`, and pushes them to the
 * Prometheus Pushgateway when one is configured.
 *
 * It is also the operators' door to the queue: admins list and replay dead
 * letters at `/v1/admin/dead-letters`; and where the queue is Deno KV's and
 * producers run in other processes (split), it hosts that queue for them at
 * `/internal/queue/messages` (shared/queue/remote_queue.ts).
 *
 * @module
 */
import { Counter, type Registry } from "prom-client";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createWorkerApp } from "../../shared/http/worker_app.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { PlatformDeps } from "../../shared/runtime/deps.ts";
import { metricsDocs } from "./route_docs.ts";
import { createCollector } from "./collect.ts";
import { requireMetricsToken } from "./metrics_token.ts";
import { pushMetrics } from "./push.ts";
import { deadLetterRoutes } from "./dead_letters.ts";
import type { DeadLetters, MessageQueue } from "../../shared/queue/port.ts";
import { publishRoute } from "../../shared/queue/publish_route.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";

/** What the metrics worker needs. */
// What the composition (workers/embedded.ts) wires around the factory.
export { metricsEntries, startPushing } from "./config.ts";

export interface MetricsDeps extends PlatformDeps {
  /** Every other worker, by name. */
  targets: Record<string, ServiceBinding>;
  /** Where to push; without it the worker only serves `/metrics`. */
  pushgatewayUrl?: string;
  /**
   * The bearer token that opens `/metrics` (it shows business figures);
   * without one, `/metrics` is not served at all.
   */
  metricsToken?: string;
  fetch?: typeof fetch;
  /** The queue's dead letters and a token verifier, for `/v1/admin/dead-letters`. */
  admin?: { deadLetters: DeadLetters; verifier: TokenVerifier };
  /** The queue this worker hosts for producers in other processes (split). */
  queue?: MessageQueue;
  /** More registries of this process to serve with the workers' (the queue's counters). */
  registries?: Registry[];
}

/** The metrics worker's Hono app and its push operation. */
export function createMetricsWorker(deps: MetricsDeps) {
  const metrics = createWorkerMetrics("metrics");
  const pushes = new Counter({
    name: "fitconnect_metrics_pushes_total",
    help: "Pushes to the Pushgateway, by result.",
    labelNames: ["result"] as const,
    registers: [metrics.registry],
  });
  const collector = createCollector(deps.targets, [metrics.registry, ...(deps.registries ?? [])]);
  const fetcher = deps.fetch ?? fetch;
  const { pushgatewayUrl } = deps;

  const app = createWorkerApp({
    worker: "metrics",
    log: deps.log.with({ worker: "metrics" }),
    metrics,
    internalSecret: deps.internalSecret,
    corsOrigins: deps.corsOrigins,
    health: pushgatewayUrl
      ? {
        pushgateway: async () => {
          const response = await fetcher(new URL("-/healthy", pushgatewayUrl));
          await response.body?.cancel();
          if (!response.ok) throw new Error(`status ${response.status}`);
        },
      }
      : {},
  });

  app.get("/metrics", metricsDocs.scrape, async (c) => {
    requireMetricsToken(c.req.header("authorization"), deps.metricsToken, c.req.path);
    return c.text(await collector.collect(), 200, { "content-type": metrics.registry.contentType });
  });

  if (deps.admin) app.route("/", deadLetterRoutes(deps.admin.deadLetters, deps.admin.verifier));
  if (deps.queue) app.route("/", publishRoute(deps.queue));

  /** Triggers one push: for a cron where timers do not survive (Deno Deploy). */
  app.post("/internal/metrics/push", async (c) => {
    try {
      await push();
    } catch (error) {
      throw new Problem(
        platformProblems.UPSTREAM_UNAVAILABLE,
        "The Pushgateway did not take the metrics.",
        {
          cause: error,
        },
      );
    }
    return c.body(null, 204);
  });

  async function push(): Promise<void> {
    if (!pushgatewayUrl) return;
    try {
      await pushMetrics(pushgatewayUrl, await collector.collect(), fetcher);
      pushes.inc({ result: "ok" });
    } catch (error) {
      pushes.inc({ result: "error" });
      throw error;
    }
  }

  return Object.assign(app, { push });
}

/** The app's type. */
export type MetricsApp = ReturnType<typeof createMetricsWorker>;

/**
 * The routes its typed client reaches (./client.ts): the admin dead-letter
 * routes, mounted when the worker is given `admin` (every composition does).
 */
export type MetricsAdminApp = ReturnType<typeof deadLetterRoutes>;
