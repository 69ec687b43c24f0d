/**
 * New checkouts per member, counted on the key-value store so the limit holds
 * across every isolate (Upstash in production). Replays of a key are not
 * counted: the service asks only when the key is new.
 *
 * When the store cannot count, `hit` throws the store's unavailable error,
 * which answers a fast 503: a limit that cannot count fails closed, like
 * every safety check on the store (revocations, idempotency).
 *
 * @module
 */
import {
  hit,
  type RateLimit,
  rateLimited,
  type RateLimitState,
} from "../../shared/http/rate_limit.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";

/** Counts a member's new checkout; throws 429 RATE_LIMITED past the limit. */
export type CheckoutRateLimiter = (userId: string) => Promise<RateLimitState>;

/** The limiter over `kv` (the payments worker's namespace). */
export function checkoutRateLimiter(kv: KeyValueStore, rate: RateLimit): CheckoutRateLimiter {
  return async (userId) => {
    const state = await hit(kv, `checkout:${userId}`, { policy: "checkout", ...rate });
    if (state.exceeded) {
      throw rateLimited(state, "Too many checkouts started; wait before starting another.");
    }
    return state;
  };
}
