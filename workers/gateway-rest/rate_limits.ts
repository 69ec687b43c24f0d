/**
 * The REST gateway's rate limits: every request counts against one bucket,
 * and every answer says where it stands (RateLimit-Policy and RateLimit, see
 * shared/http/rate_limit.ts); over the limit is a 429 with Retry-After.
 *
 * | caller                       | policy  | default           | setting                     |
 * | ---------------------------- | ------- | ----------------- | --------------------------- |
 * | an API key                   | `key`   | 600 a minute      | FITCONNECT_RATE_LIMIT_KEY   |
 * | a signed-in member (a JWT)   | `user`  | 1200 a minute     | FITCONNECT_RATE_LIMIT_USER  |
 * | anyone else, by address      | `ip`    | 300 a minute      | FITCONNECT_RATE_LIMIT_IP    |
 *
 * (window: FITCONNECT_RATE_LIMIT_WINDOW_SEC, default 60). A key gets 10 requests a second on
 * average, what a sync job needs; the first-party apps, one member's session, load several
 * resources per screen, hence twice that; anonymous calls share an address (a gym's network).
 *
 * Cost on the hot path: one atomic increment on the shared key-value store,
 * nothing else. The caller is named without a store read of its own: a JWT's
 * signature is checked locally (cached), a key is resolved through the
 * verifiers' cache; the revocation check stays with the worker that answers
 * (a revoked credential is refused there, its count spent here). A
 * credential that does not verify is counted by address, so made-up tokens
 * cannot buy fresh buckets.
 *
 * `/graphql` is left to the GraphQL gateway, which limits it per address under
 * its own `graphql` policy and says so in the same headers: counting it twice
 * would refuse GraphQL callers in REST's problem shape instead of GraphQL's.
 *
 * Unlike the login limits, this one fails open: it guards capacity, not
 * secrets, and a key-value outage must not take the whole API down with it.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { Counter, type Registry } from "prom-client";
import * as v from "valibot";
import { bearerToken } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { connectionIp, resolveClientIp } from "../../shared/http/client_ip.ts";
import { leasedHits } from "../../shared/http/rate_lease.ts";
import {
  type RateCounter,
  type RateLimit,
  rateLimited,
  rateLimitHeaders,
  type RateLimitState,
} from "../../shared/http/rate_limit.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { describeError } from "../../shared/logging/describe_error.ts";

/** The limits of each kind of caller. */
export interface RestRateLimits {
  key: RateLimit;
  user: RateLimit;
  anonymous: RateLimit;
}

const minute = 60_000;

export const defaultRestRateLimits: RestRateLimits = {
  key: { policy: "key", limit: 600, windowMs: minute },
  user: { policy: "user", limit: 1200, windowMs: minute },
  anonymous: { policy: "ip", limit: 300, windowMs: minute },
};

const count = (label: string) =>
  v.optional(v.pipe(v.string(), v.transform(Number), v.integer(label), v.minValue(1, label)));

/** The gateway's settings for its limits (all optional). */
export const rateLimitEntries = {
  FITCONNECT_RATE_LIMIT_KEY: count("a whole number of requests per window"),
  FITCONNECT_RATE_LIMIT_USER: count("a whole number of requests per window"),
  FITCONNECT_RATE_LIMIT_IP: count("a whole number of requests per window"),
  FITCONNECT_RATE_LIMIT_WINDOW_SEC: count("a whole number of seconds"),
};

type RateLimitConfig = v.InferOutput<v.ObjectSchema<typeof rateLimitEntries, undefined>>;

/** The limits these settings ask for (the defaults where unset). */
export function restRateLimitsFrom(config: RateLimitConfig): RestRateLimits {
  const windowMs = (config.FITCONNECT_RATE_LIMIT_WINDOW_SEC ?? 60) * 1000;
  const { key, user, anonymous } = defaultRestRateLimits;
  return {
    key: { ...key, windowMs, limit: config.FITCONNECT_RATE_LIMIT_KEY ?? key.limit },
    user: { ...user, windowMs, limit: config.FITCONNECT_RATE_LIMIT_USER ?? user.limit },
    anonymous: {
      ...anonymous,
      windowMs,
      limit: config.FITCONNECT_RATE_LIMIT_IP ?? anonymous.limit,
    },
  };
}

/** What the limiter needs. */
export interface RestRateLimitDeps {
  counter: RateCounter;
  verifier: TokenVerifier;
  limits: RestRateLimits;
  trustedProxies: readonly string[];
  /** Where the per-key counters are registered (the gateway's own registry). */
  registry: Registry;
}

/** Counts each request against its caller's bucket; 429 over the limit. */
export function restRateLimit(deps: RestRateLimitDeps): MiddlewareHandler<WorkerEnv> {
  const perKey = (name: string, help: string) =>
    new Counter({ name, help, labelNames: ["key_id"] as const, registers: [deps.registry] });
  // Labelled by key id, never by secret: ids are what a key's owner sees in their list.
  const keyRequests = perKey("fitconnect_api_key_requests_total", "Requests made with an API key.");
  const keyLimited = perKey(
    "fitconnect_api_key_rate_limited_total",
    "Requests with an API key refused with 429.",
  );

  // Hits are leased (shared/http/rate_lease.ts): a store write per 1 % of a limit, not per request.
  const hits = {
    key: leasedHits(deps.counter, deps.limits.key),
    user: leasedHits(deps.counter, deps.limits.user),
    anonymous: leasedHits(deps.counter, deps.limits.anonymous),
  };

  type Bucket = {
    bucket: string;
    hit: (key: string) => RateLimitState | Promise<RateLimitState>;
    keyId?: string;
  };
  const byAddress = (ip: string): Bucket => ({ bucket: `ip:${ip}`, hit: hits.anonymous });

  async function bucketOf(authorization: string, ip: () => string): Promise<Bucket> {
    try {
      const caller = await deps.verifier.identify(bearerToken(authorization));
      if (caller.keyId) {
        return { bucket: `key:${caller.keyId}`, hit: hits.key, keyId: caller.keyId };
      }
      return { bucket: `user:${caller.sub}`, hit: hits.user };
    } catch {
      // Not a credential of ours (or not checkable now): the worker answering will say so.
    }
    return byAddress(ip());
  }

  return async (c, next) => {
    if (c.req.path === "/graphql" || c.req.path.startsWith("/graphql/")) return await next();
    // The address is resolved only for a caller counted by it: a credential's bucket needs none.
    const ip = () =>
      resolveClientIp(
        connectionIp(c),
        c.req.raw.headers.get("x-forwarded-for") ?? undefined,
        deps.trustedProxies,
      );
    // Without a credential nothing is awaited: a leased hit is counted synchronously.
    const authorization = c.req.raw.headers.get("authorization");
    const { bucket, hit, keyId } = authorization === null
      ? byAddress(ip())
      : await bucketOf(authorization, ip);
    let state: RateLimitState;
    try {
      const counted = hit(`rate:${bucket}`);
      state = counted instanceof Promise ? await counted : counted;
    } catch (error) {
      c.get("log").warn("rate limit not counted", { error: describeError(error) });
      return await next();
    }
    if (keyId) keyRequests.inc({ key_id: keyId });
    if (state.exceeded) {
      if (keyId) keyLimited.inc({ key_id: keyId });
      throw rateLimited(state, "Too many requests; wait for the window to reset.");
    }
    await next();
    // Appended: a worker's own policy (login's, checkout's) stays listed beside this one.
    const headers = Object.entries(rateLimitHeaders(state));
    try {
      for (const [name, value] of headers) c.res.headers.append(name, value);
    } catch {
      // A fetched response's headers are immutable: answer a copy.
      c.res = new Response(c.res.body, c.res);
      for (const [name, value] of headers) c.res.headers.append(name, value);
    }
  };
}
