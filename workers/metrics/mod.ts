/**
 * The metrics worker owns the platform's view of itself: every isolate of
 * every worker reports the deltas of its metrics here
 * (`/internal/metrics/reports`), which it adds into durable totals in the
 * key-value store (./totals.ts), so any number of isolates — its own included
 * — agree. It serves the totals at `/metrics` and pushes them to the
 * Prometheus Pushgateway, when one is configured, under one group.
 *
 * It is also the operators' door to the queue: admins list and replay dead
 * letters at `/v1/admin/dead-letters`; and where the queue is Deno KV's and
 * producers run in other processes (split), it hosts that queue for them at
 * `/internal/queue/messages` (shared/queue/remote_queue.ts).
 *
 * @module
 */
import { Counter } from "prom-client";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createWorkerApp } from "../../shared/http/worker_app.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import { reportRoutes } from "../../shared/metrics/report_route.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { createTotals } from "./totals.ts";
import type { PlatformDeps } from "../../shared/runtime/deps.ts";
import { metricsDocs } from "./route_docs.ts";
import { createCollector } from "./collect.ts";
import { requireMetricsToken } from "./metrics_token.ts";
import { pushMetrics } from "./push.ts";
import { deadLetterRoutes } from "./dead_letters.ts";
import { deadLetterGauge } from "./dead_letter_gauge.ts";
import type { DeadLetters, MessageQueue } from "../../shared/queue/port.ts";
import { publishRoute } from "../../shared/queue/publish_route.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";

// What the composition (workers/embedded.ts) wires around the factory.
export { metricsEntries, startPushing } from "./config.ts";

/** What the metrics worker needs. */
export interface MetricsDeps extends PlatformDeps {
  /** Every other worker, by name: asked to report before each collection. */
  targets: Record<string, ServiceBinding>;
  /** This worker's own entry (with its reporting), asked to report like the others. */
  self?: ServiceBinding;
  /** Its key-value namespace: the durable totals. */
  kv: KeyValueStore;
  /** How long an isolate's gauges outlive its last report (default 60 s). */
  gaugeTtlMs?: number;
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
  const totals = createTotals(deps.kv, { gaugeTtlMs: deps.gaugeTtlMs ?? 60_000 });
  const collector = createCollector(deps.targets, totals, { self: deps.self });
  const fetcher = deps.fetch ?? fetch;
  const { pushgatewayUrl } = deps;

  const app = createWorkerApp({
    worker: "metrics",
    log: deps.log.with({ worker: "metrics" }),
    metrics,
    internalSecret: deps.internalSecret,
    corsOrigins: deps.corsOrigins,
    health: {
      // The totals live there: without it, reports fail (and are retried by their isolates).
      kv: () => deps.kv.ping(),
      ...(pushgatewayUrl
        ? {
          pushgateway: async () => {
            const response = await fetcher(new URL("-/healthy", pushgatewayUrl));
            await response.body?.cancel();
            if (!response.ok) throw new Error(`status ${response.status}`);
          },
        }
        : {}),
    },
  });
  app.route("/", reportRoutes(totals));

  app.get("/metrics", metricsDocs.scrape, async (c) => {
    requireMetricsToken(c.req.header("authorization"), deps.metricsToken, c.req.path);
    return c.text(await collector.collect(), 200, { "content-type": metrics.registry.contentType });
  });

  if (deps.admin) {
    app.route("/", deadLetterRoutes(deps.admin.deadLetters, deps.admin.verifier));
    deadLetterGauge(deps.admin.deadLetters, metrics.registry, deps.log);
  }
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

  async function pushOnce(): Promise<void> {
    if (!pushgatewayUrl) return;
    try {
      await pushMetrics(pushgatewayUrl, await collector.collect(), fetcher);
      pushes.inc({ result: "ok" });
    } catch (error) {
      pushes.inc({ result: "error" });
      throw error;
    }
  }

  // One push at a time: a PUT replaces the group, so an older collection landing after a newer
  // one (a slow store, a timer tick and the cron route at once) would make counters go down.
  // A push asked for meanwhile runs once after it, with fresh totals, for every caller waiting.
  let pushing: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  function push(): Promise<void> {
    if (!pushing) {
      pushing = pushOnce().finally(() => pushing = undefined);
      return pushing;
    }
    next ??= pushing.catch(() => {}).then(() => {
      next = undefined;
      return push();
    });
    return next;
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
