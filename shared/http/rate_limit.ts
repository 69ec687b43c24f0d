/**
 * Fixed-window rate limits on the key-value store, so a limit holds across
 * every isolate and process that shares the store (Upstash in production).
 *
 * A limit fails closed: when the store cannot count, the request is refused
 * with a 503 (a StoreUnavailableError, see shared/stores/unavailable.ts),
 * never let through uncounted — a store outage must not lift the limits on
 * password guessing.
 *
 * Every limited answer says where the caller stands in the IETF structured
 * fields of draft-ietf-httpapi-ratelimit-headers, the one format the whole
 * API uses (several policies are listed side by side, comma-separated):
 *
 *     RateLimit-Policy: "login";q=100;w=60
 *     RateLimit: "login";r=99;t=42
 *
 * `q` is the quota per window of `w` seconds, `r` what remains of it, and
 * `t` the seconds until the window resets.
 *
 * @module
 */
import type { KeyValueStore } from "../stores/kv/port.ts";
import { StoreUnavailableError } from "../stores/unavailable.ts";
import { platformProblems, Problem } from "./problem.ts";

/** What a rate limit needs of a store: its atomic counter. */
export type RateCounter = Pick<KeyValueStore, "increment">;

/** A limit: at most `limit` events per `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
  /** The policy's name in the RateLimit headers (default "default"): a short lower-case token. */
  policy?: string;
}

/** Where a key stands in its window. */
export interface RateLimitState {
  policy: string;
  limit: number;
  /** The window's length in seconds. */
  windowSec: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSec: number;
  exceeded: boolean;
}

/**
 * Counts `by` events (default 1) for `key`; `by: 0` only reads where the key
 * stands (e.g. failures that are counted only when they happen). Throws a
 * StoreUnavailableError (503) when the store cannot count.
 */
export async function hit(
  store: RateCounter,
  key: string,
  { limit, windowMs, policy = "default" }: RateLimit,
  by = 1,
): Promise<RateLimitState> {
  let counted: { value: number; expiresInMs: number };
  try {
    counted = await store.increment(key, { ttlMs: windowMs, by });
  } catch (error) {
    // The platform's stores already say so; a store without the guard is made to, so
    // that a failure to count is a 503 and not a 500 (RangeError: a bad window, a bug).
    if (error instanceof StoreUnavailableError || error instanceof RangeError) throw error;
    throw new StoreUnavailableError("key-value", "the rate limit was not counted", {
      cause: error,
    });
  }
  const { value, expiresInMs } = counted;
  return {
    policy,
    limit,
    windowSec: Math.ceil(windowMs / 1000),
    remaining: Math.max(0, limit - value),
    resetSec: Math.max(1, Math.ceil(expiresInMs / 1000)),
    exceeded: by === 0 ? value >= limit : value > limit,
  };
}

/** The `RateLimit-Policy` and `RateLimit` headers for a state (see the module doc). */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "ratelimit-policy": `"${state.policy}";q=${state.limit};w=${state.windowSec}`,
    ratelimit: `"${state.policy}";r=${state.remaining};t=${state.resetSec}`,
  };
}

/** The 429 for an exceeded state, with `Retry-After` and the RateLimit headers. */
export function rateLimited(state: RateLimitState, detail: string): Problem {
  return new Problem(platformProblems.RATE_LIMITED, detail, {
    headers: { ...rateLimitHeaders(state), "retry-after": String(state.resetSec) },
  });
}

/**
 * `store`'s counter with concurrent increments of one key coalesced: while
 * one increment of a key is in flight, this process's later ones wait and go
 * out together as one `by: n`, each caller then given its own place in the
 * count. Every event is still counted once, atomically, in the shared store,
 * so a limit holds across processes exactly as before; what changes is that
 * one busy caller (a key with 50 requests in flight) costs its store one
 * write at a time instead of 50 racing ones (Deno KV retries conflicting
 * writes; a hot key there turned into a queue of retries and timeouts).
 */
export function coalescingCounter(store: RateCounter): RateCounter {
  type Waiter = {
    by: number;
    resolve: (counted: { value: number; expiresInMs: number }) => void;
    reject: (error: unknown) => void;
  };
  const queues = new Map<string, { ttlMs: number; waiting: Waiter[] }>();

  async function drain(key: string, queue: { ttlMs: number; waiting: Waiter[] }) {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0);
      const total = batch.reduce((sum, waiter) => sum + waiter.by, 0);
      try {
        const { value, expiresInMs } = await store.increment(key, {
          ttlMs: queue.ttlMs,
          by: total,
        });
        let at = value - total;
        for (const waiter of batch) waiter.resolve({ value: at += waiter.by, expiresInMs });
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    queues.delete(key);
  }

  return {
    increment(key, { ttlMs, by = 1 }) {
      return new Promise((resolve, reject) => {
        const queue = queues.get(key);
        if (queue) return queue.waiting.push({ by, resolve, reject });
        const started = { ttlMs, waiting: [{ by, resolve, reject }] };
        queues.set(key, started);
        void drain(key, started);
      });
    },
  };
}
