/**
 * The base of every worker: one Hono app with the middleware every worker
 * shares, so a domain worker adds only its own routes.
 *
 * In order: request id → access log and RED metrics (recorded in `finally`,
 * labelled by route pattern) → secure headers → CORS → the internal-route
 * guard → body limit. Errors of any kind leave as problem+json.
 *
 * @module
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { matchedRoutes } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import { timingSafeEqual } from "node:crypto";
import type { Logger } from "../logging/logger.ts";
import type { WorkerMetrics } from "../metrics/worker_metrics.ts";
import { internalSecretHeader } from "../bindings/service_binding.ts";
import { platformProblems, Problem } from "./problem.ts";
import { type HealthCheck, runHealthChecks } from "../health/checks.ts";

/** What every worker's handlers can read from the context. */
export type WorkerEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    /** Set by the not-found handler so metrics label the request `unmatched`. */
    unmatched?: boolean;
  };
};

/** What `createWorkerApp` needs. */
export interface WorkerAppOptions {
  worker: string;
  log: Logger;
  metrics: WorkerMetrics;
  /** Requests to `/internal/*` must carry this in `x-fitconnect-internal`. */
  internalSecret: string;
  /** Allowed CORS origins; `["*"]` (the default) suits bearer-token APIs. */
  corsOrigins?: string[];
  /** Largest accepted body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** The stores this worker depends on, checked with a real round trip by `/internal/health`. */
  health?: Record<string, HealthCheck>;
}

const defaultBodyLimit = 1024 * 1024;
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** A Hono app with the shared middleware, error handling, health and metrics routes. */
export function createWorkerApp(options: WorkerAppOptions): Hono<WorkerEnv> {
  const { worker, metrics } = options;
  const app = new Hono<WorkerEnv>();

  app.use(requestId({ limitLength: 128 }));
  app.use(async (c, next) => {
    const started = performance.now();
    c.set("log", options.log.with({ requestId: c.var.requestId }));
    try {
      await next();
    } finally {
      const route = c.var.unmatched ? "unmatched" : matchedRoutes(c).at(c.req.routeIndex)?.path ??
        "unmatched";
      const seconds = (performance.now() - started) / 1000;
      const status = String(c.res.status);
      metrics.httpRequests.inc({ method: c.req.method, route, status });
      metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
      options.log.info("request", {
        requestId: c.var.requestId,
        method: c.req.method,
        route,
        status: c.res.status,
        durationMs: Math.round(seconds * 10_000) / 10,
      });
    }
  });
  app.use(secureHeaders());
  const origins = options.corsOrigins ?? ["*"];
  app.use(cors({
    origin: origins.includes("*") ? "*" : origins,
    allowHeaders: ["authorization", "content-type", "idempotency-key", "if-match", "x-request-id"],
    exposeHeaders: [
      "etag",
      "location",
      "retry-after",
      "ratelimit-limit",
      "ratelimit-remaining",
      "ratelimit-reset",
      "x-request-id",
    ],
    maxAge: 600,
  }));
  app.use("/internal/*", async (c, next) => {
    if (!secretMatches(c.req.header(internalSecretHeader), options.internalSecret)) {
      // Internal routes do not exist for strangers.
      throw new Problem("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`);
    }
    await next();
  });
  app.use(bodyLimit({
    maxSize: options.bodyLimitBytes ?? defaultBodyLimit,
    onError: () => {
      throw new Problem(
        "PAYLOAD_TOO_LARGE",
        `The body is larger than ${options.bodyLimitBytes ?? defaultBodyLimit} bytes.`,
      );
    },
  }));

  app.get("/internal/health", async (c) => {
    const checks = await runHealthChecks(options.health ?? {});
    const ok = Object.values(checks).every((status) => status === "ok");
    return c.json({ status: ok ? "ok" : "down", worker, checks }, ok ? 200 : 503);
  });
  app.get("/internal/metrics", async (c) => {
    if (c.req.header("accept")?.includes("application/json")) {
      return c.json(await metrics.registry.getMetricsAsJSON());
    }
    return c.text(await metrics.registry.metrics(), 200, {
      "content-type": metrics.registry.contentType,
    });
  });

  app.notFound((c) => {
    c.set("unmatched", true);
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length > 0) {
      throw new Problem("METHOD_NOT_ALLOWED", `${c.req.method} is not allowed on ${c.req.path}.`, {
        headers: { allow: allowed.join(", ") },
      });
    }
    throw new Problem("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`);
  });
  app.onError((error, c) => {
    const id = c.var.requestId ?? crypto.randomUUID();
    return toProblem(error, c.var.log ?? options.log, c.req.method, c.req.path)
      .getResponse(id);
  });
  return app;
}

/** Maps any thrown value to the problem the client sees; unknown errors are logged, never shown. */
export function toProblem(error: unknown, log: Logger, method: string, path: string): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof HTTPException) {
    const code = Object.entries(platformProblems).find(([, p]) => p.status === error.status)?.[0];
    if (code && error.status < 500) return new Problem(code, error.message || "Request refused.");
  }
  log.error("unhandled error", {
    method,
    path,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new Problem("INTERNAL", "Something went wrong on our side; quote the request id.");
}

/** The methods that have a route for `path` (for 405 and its `Allow` header). */
function allowedMethods(app: Hono<WorkerEnv>, path: string): string[] {
  // The router stores `[handler, routeInfo]`; middleware is registered as `ALL`.
  return methods.filter((method) => {
    const [matches] = app.router.match(method, path) as unknown as [
      [[unknown, { method: string }], unknown][],
    ];
    return matches.some(([[, route]]) => route.method !== "ALL");
  });
}

/** Constant-time comparison, so response timing does not leak the secret. */
function secretMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
