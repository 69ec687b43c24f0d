/**
 * The `/graphql` rate limit: a fixed window per client address on the
 * gateway's key-value store, so the limit holds across isolates. Every
 * answer carries the `RateLimit-*` headers; past the limit it is a 429
 * RATE_LIMITED GraphQL error with `Retry-After`.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { requestClientIp } from "../../shared/http/client_ip.ts";
import {
  type RateLimit,
  rateLimitHeaders,
  type RateLimitState,
} from "../../shared/http/rate_limit.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { clientError, refusalResponse } from "./errors.ts";
import type { RateCounter } from "./local_counter.ts";

/** 300 requests a minute per address: far above an app's needs, far below a flood. */
export const defaultGraphqlRateLimit: RateLimit = { limit: 300, windowMs: 60_000 };

/** Counts each request against its client address; refuses those over `limit`. */
export function graphqlRateLimit(
  counter: RateCounter,
  limit: RateLimit,
  internalSecret: string,
): MiddlewareHandler<WorkerEnv> {
  return async (c, next) => {
    const key = `rate:graphql:${requestClientIp(c, internalSecret)}`;
    let state: RateLimitState;
    try {
      state = await count(counter, key, limit);
    } catch (error) {
      // The store being down must not take GraphQL down with it.
      c.get("log").warn("graphql rate limit unavailable", { error: String(error) });
      return await next();
    }
    const headers = rateLimitHeaders(state);
    if (state.exceeded) {
      return refusalResponse(
        [clientError("RATE_LIMITED", "Too many GraphQL requests from your network; slow down.")],
        c.get("requestId"),
        c.get("log"),
        { ...headers, "retry-after": String(state.resetSec) },
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

/** shared/http/rate_limit.ts `hit`, over the one operation a counter has. */
async function count(
  counter: RateCounter,
  key: string,
  { limit, windowMs }: RateLimit,
): Promise<RateLimitState> {
  const { value, expiresInMs } = await counter.increment(key, { ttlMs: windowMs });
  return {
    limit,
    remaining: Math.max(0, limit - value),
    resetSec: Math.max(1, Math.ceil(expiresInMs / 1000)),
    exceeded: value > limit,
  };
}
