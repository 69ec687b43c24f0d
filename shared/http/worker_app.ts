/**
 * The base of every worker: one Hono app with the middleware every worker
 * shares, so a domain worker adds only its own routes.
 *
 * In order: request id → access log and RED metrics → (gateways only:
 * security headers and CORS, and the refusal of paths that parsers read two
 * ways) → the `/internal/*` guard → body limit. Errors
 * of any kind leave as problem+json; unknown routes are 404 or 405.
 *
 * @module
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "../logging/logger.ts";
import {
  attachMetrics,
  reporterOf,
  reportNowPath,
  type WorkerMetrics,
} from "../metrics/worker_metrics.ts";
import { type HealthCheck, runHealthChecks } from "../health/checks.ts";
import { edgeHeaders } from "./middleware/edge_headers.ts";
import { internalOnly } from "./middleware/internal_only.ts";
import { observe, type ObserveEnv } from "./middleware/observe.ts";
import { requestId } from "./middleware/request_id.ts";
import { refuseUnsafePaths } from "./safe_path.ts";
import { workerDocument } from "./openapi/worker_document.ts";
import { platformProblems, Problem, problemBody, problemResponse } from "./problem.ts";
import { describeError, stackFrames } from "../logging/describe_error.ts";
import { findStoreUnavailable } from "../stores/unavailable.ts";

/** What every worker's handlers can read from the context. */
export type WorkerEnv = ObserveEnv;

/** What `createWorkerApp` needs. */
export interface WorkerAppOptions {
  worker: string;
  log: Logger;
  metrics: WorkerMetrics;
  /** Requests to `/internal/*` must carry this in `x-fitconnect-internal`. */
  internalSecret: string;
  /** A public entry point (the gateways): adds security headers and CORS. */
  edge?: boolean;
  /** Allowed CORS origins at the edge; `["*"]` (the default) suits bearer-token APIs. */
  corsOrigins?: string[];
  /** Largest accepted body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** The stores this worker depends on, checked with a real round trip by `/internal/health`. */
  health?: Record<string, HealthCheck>;
}

const defaultBodyLimit = 1024 * 1024;
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const bodylessMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** A Hono app with the shared middleware, error handling, health and metrics routes. */
export function createWorkerApp(options: WorkerAppOptions) {
  const { worker, metrics } = options;
  const maxBytes = options.bodyLimitBytes ?? defaultBodyLimit;
  const app = new Hono<WorkerEnv>();
  attachMetrics(app, metrics);

  app.use(requestId());
  app.use(observe(options.log, metrics));
  if (options.edge) {
    app.use(edgeHeaders(options.corsOrigins ?? ["*"]));
    app.use(refuseUnsafePaths());
  }
  app.use("/internal/*", internalOnly(options.internalSecret));
  const limitBody = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new Problem(
        platformProblems.PAYLOAD_TOO_LARGE,
        `The body is larger than ${maxBytes} bytes.`,
      );
    },
  });
  // Reading `request.body` of a GET allocates a stream: only bodies are limited.
  app.use((c, next) => bodylessMethods.has(c.req.method) ? next() : limitBody(c, next));

  // Chained, so the routes are part of the app's type and `hc` clients see them.
  let document: Promise<unknown> | undefined;
  const routes = app.get("/internal/openapi.json", async (c) => {
    // Built once, at the first ask: by then every route of the worker is registered.
    document ??= workerDocument(app, worker).catch((error) => {
      document = undefined;
      throw error;
    });
    return c.json(await document);
  }).get("/internal/health", async (c) => {
    const checks = await runHealthChecks(options.health ?? {});
    const ok = Object.values(checks).every((status) => status === "ok");
    return c.json({ status: ok ? "ok" : "down", worker, checks }, ok ? 200 : 503);
  }).get("/internal/metrics", async (c) => {
    if (c.req.header("accept")?.includes("application/json")) {
      return c.json(await metrics.registry.getMetricsAsJSON());
    }
    return c.text(await metrics.registry.metrics(), 200, {
      "content-type": metrics.registry.contentType,
    });
  }).post(reportNowPath, async (c) => {
    // The metrics worker, before a push: this isolate's report, now (shared/metrics/reporting.ts).
    const reporter = reporterOf(app);
    if (!reporter) {
      throw new Problem(platformProblems.NOT_FOUND, `No route for POST ${c.req.path}.`);
    }
    try {
      await reporter.flush();
    } catch (error) {
      throw new Problem(
        platformProblems.SERVICE_UNAVAILABLE,
        "The report did not reach the metrics worker; it is kept for the next one.",
        { cause: error },
      );
    }
    return c.body(null, 204);
  });

  // Answered, not thrown: a miss is an everyday answer, and an Error would walk the stack.
  app.notFound((c) => {
    c.set("unmatched", true);
    const { method, path } = c.req;
    const allowed = allowedMethods(app, path);
    if (allowed.length > 0) {
      return problemResponse(
        problemBody(
          platformProblems.METHOD_NOT_ALLOWED,
          `${method} is not allowed on ${path}.`,
          c.get("requestId"),
        ),
        { allow: allowed.join(", ") },
      );
    }
    return problemResponse(
      problemBody(
        platformProblems.NOT_FOUND,
        `No route for ${method} ${path}.`,
        c.get("requestId"),
      ),
    );
  });
  app.onError((error, c) => {
    const id = c.get("requestId") ?? crypto.randomUUID();
    return toProblem(error, c.get("log") ?? options.log, c.req.method, c.req.path).getResponse(id);
  });
  return routes;
}

/** The base app's type: what every worker answers, whatever its domain. */
export type WorkerApp = ReturnType<typeof createWorkerApp>;

/**
 * Maps any thrown value to the problem the client sees; unknown errors are
 * logged, never shown. A store that cannot be reached is a 503 with
 * `Retry-After` on every route. Logs describe errors without their data
 * (drizzle's messages carry the query's parameters).
 */
export function toProblem(error: unknown, log: Logger, method: string, path: string): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof HTTPException) {
    const kind = Object.values(platformProblems).find((p) => p.status === error.status);
    if (kind && error.status < 500) return new Problem(kind, error.message || "Request refused.");
  }
  const unavailable = findStoreUnavailable(error);
  if (unavailable) {
    log.warn("store unavailable", {
      method,
      path,
      store: unavailable.store,
      error: describeError(error),
    });
    return new Problem(
      platformProblems.SERVICE_UNAVAILABLE,
      "The service is briefly unavailable; try again.",
      {
        headers: { "retry-after": String(Math.max(1, Math.ceil(unavailable.retryAfterMs / 1000))) },
      },
    );
  }
  log.error("unhandled error", {
    method,
    path,
    error: describeError(error),
    stack: stackFrames(error),
  });
  return new Problem(
    platformProblems.INTERNAL,
    "Something went wrong on our side; quote the request id.",
  );
}

/** The methods that have a route for `path` (for 405 and its `Allow` header). */
function allowedMethods(app: Hono<WorkerEnv>, path: string): string[] {
  // The router stores `[handler, routeInfo]`; middleware is registered as `ALL`.
  return methods.filter((method) => {
    const [matches] = app.router.match(method, path);
    return matches.some(([[, route]]) => route.method !== "ALL");
  });
}
