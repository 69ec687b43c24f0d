/**
 * The access log line and the RED metrics of every request, recorded in
 * `finally` so errors are counted too, labelled by route pattern.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Logger } from "../../logging/logger.ts";
import type { WorkerMetrics } from "../../metrics/worker_metrics.ts";

/** The variables `observe` reads and sets. */
export type ObserveEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    unmatched?: boolean;
    /** Set by the gateway's web app: its answer carries its own Content-Security-Policy. */
    documentPolicy?: boolean;
  };
};

/** The route pattern that answered (`/v1/workouts/:id`), or `unmatched`: never the raw path. */
export function routeLabel(c: Context<ObserveEnv>): string {
  if (c.get("unmatched")) return "unmatched";
  return matchedRoutes(c).at(c.req.routeIndex)?.path ?? "unmatched";
}

/** Records the request's metrics and writes its access log line. */
export function observe(log: Logger, metrics: WorkerMetrics): MiddlewareHandler<ObserveEnv> {
  const logRequests = log.isEnabled("info");
  return async (c, next) => {
    const started = performance.now();
    // Hono's `c.var` builds a new object on every read: `c.get` is a lookup.
    const id = c.get("requestId");
    c.set("log", log.with({ requestId: id }));
    try {
      await next();
    } finally {
      const route = routeLabel(c);
      const seconds = (performance.now() - started) / 1000;
      metrics.recordRequest(c.req.method, route, c.res.status, seconds);
      if (logRequests) {
        log.info("request", {
          requestId: id,
          method: c.req.method,
          route,
          status: c.res.status,
          durationMs: Math.round(seconds * 10_000) / 10,
        });
      }
    }
  };
}
