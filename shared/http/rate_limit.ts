/**
 * Fixed-window rate limits on the key-value store, so a limit holds across
 * every isolate and process that shares the store (Upstash in production).
 *
 * @module
 */
import type { KeyValueStore } from "../stores/kv/port.ts";
import { Problem } from "./problem.ts";

/** A limit: at most `limit` events per `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Where a key stands in its window. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSec: number;
  exceeded: boolean;
}

/**
 * Counts `by` events (default 1) for `key`; `by: 0` only reads where the key
 * stands (e.g. failures that are counted only when they happen).
 */
export async function hit(
  store: KeyValueStore,
  key: string,
  { limit, windowMs }: RateLimit,
  by = 1,
): Promise<RateLimitState> {
  const { value, expiresInMs } = await store.increment(key, { ttlMs: windowMs, by });
  return {
    limit,
    remaining: Math.max(0, limit - value),
    resetSec: Math.max(1, Math.ceil(expiresInMs / 1000)),
    exceeded: by === 0 ? value >= limit : value > limit,
  };
}

/** The IETF `RateLimit-*` headers for a state. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.resetSec),
  };
}

/** The 429 for an exceeded state, with `Retry-After` and the `RateLimit-*` headers. */
export function rateLimited(state: RateLimitState, detail: string): Problem {
  return new Problem("RATE_LIMITED", detail, {
    headers: { ...rateLimitHeaders(state), "retry-after": String(state.resetSec) },
  });
}
