/**
 * The access log line and the RED metrics of every request, recorded in
 * `finally` so errors are counted too, labelled by route pattern.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { LogFields, Logger, LogLevel } from "../../logging/logger.ts";
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
    c.set("log", new RequestLog(log, id));
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

/**
 * The request's logger, carrying its request id. Most requests log nothing of
 * their own, so the child logger (a handful of closures) is made at the first
 * line, not for every request.
 */
class RequestLog implements Logger {
  #child: Logger | undefined;
  constructor(readonly base: Logger, readonly requestId: string) {}
  get #log(): Logger {
    return this.#child ??= this.base.with({ requestId: this.requestId });
  }
  debug(message: string, fields?: LogFields): void {
    if (this.base.isEnabled("debug")) this.#log.debug(message, fields);
  }
  info(message: string, fields?: LogFields): void {
    if (this.base.isEnabled("info")) this.#log.info(message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.#log.warn(message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.#log.error(message, fields);
  }
  isEnabled(level: LogLevel): boolean {
    return this.base.isEnabled(level);
  }
  with(fields: LogFields): Logger {
    return this.#log.with(fields);
  }
}
