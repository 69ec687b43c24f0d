/**
 * The `/graphql` rate limit: a fixed window per client address on the
 * gateway's key-value store, so the limit holds across isolates. Every
 * answer carries the `RateLimit-*` headers; past the limit it is a 429
 * RATE_LIMITED GraphQL error with `Retry-After`. When the store cannot
 * count, the limit fails closed (503 with `Retry-After`): an uncounted
 * gateway is exactly what a flood wants. Hits are reserved in small leases
 * (./rate_lease.ts), so most requests do not wait on the store.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import type { MiddlewareHandler } from "hono";
import { requestClientIp } from "../../shared/http/client_ip.ts";
import {
  type RateCounter,
  type RateLimit,
  rateLimitHeaders,
  type RateLimitState,
} from "../../shared/http/rate_limit.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { platformProblems } from "../../shared/http/problem.ts";
import { clientError, refusalResponse } from "./errors.ts";
import { leasedHits } from "../../shared/http/rate_lease.ts";

/** 300 requests a minute per address: far above an app's needs, far below a flood. */
export const defaultGraphqlRateLimit: RateLimit = { limit: 300, windowMs: 60_000 };

/** Counts each request against its client address; refuses those over `limit`. */
export function graphqlRateLimit(
  counter: RateCounter,
  limit: RateLimit,
  internalSecret: string,
): MiddlewareHandler<WorkerEnv> {
  const hit = leasedHits(counter, { policy: "graphql", ...limit });
  return async (c, next) => {
    const key = `rate:graphql:${requestClientIp(c, internalSecret)}`;
    let state: RateLimitState;
    try {
      state = await hit(key);
    } catch (error) {
      c.get("log").warn("graphql rate limit unavailable", { error: describeError(error) });
      return refusalResponse(
        [clientError(
          platformProblems.SERVICE_UNAVAILABLE,
          "GraphQL is unavailable for a moment; try again.",
        )],
        c.get("requestId"),
        c.get("log"),
        { "retry-after": "1" },
      );
    }
    const headers = rateLimitHeaders(state);
    if (state.exceeded) {
      return refusalResponse(
        [clientError(
          platformProblems.RATE_LIMITED,
          "Too many GraphQL requests from your network; slow down.",
        )],
        c.get("requestId"),
        c.get("log"),
        { ...headers, "retry-after": String(state.resetSec) },
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
