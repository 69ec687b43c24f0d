/**
 * New checkouts per member, counted on the key-value store so the limit holds
 * across every isolate (Upstash in production). Replays of a key are not
 * counted: the service asks only when the key is new.
 *
 * When the store cannot be reached the checkout is refused with a fast 503:
 * a limit that cannot count must fail closed, like every safety check on
 * the store (revocations, idempotency).
 *
 * @module
 */
import {
  hit,
  type RateLimit,
  rateLimited,
  type RateLimitState,
} from "../../shared/http/rate_limit.ts";
import { Problem } from "../../shared/http/problem.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";

/** Counts a member's new checkout; throws 429 RATE_LIMITED past the limit. */
export type CheckoutRateLimiter = (userId: string) => Promise<RateLimitState | undefined>;

/** The limiter over `kv` (the payments worker's namespace). */
export function checkoutRateLimiter(
  kv: KeyValueStore,
  rate: RateLimit,
  log: Logger,
): CheckoutRateLimiter {
  return async (userId) => {
    let state: RateLimitState;
    try {
      state = await hit(kv, `checkout:${userId}`, rate);
    } catch (error) {
      log.warn("cannot count a checkout; refusing it", { error: String(error) });
      throw new Problem("SERVICE_UNAVAILABLE", "Checkout is unavailable for a moment; try again.", {
        headers: { "retry-after": "1" },
        cause: error,
      });
    }
    if (state.exceeded) {
      throw rateLimited(state, "Too many checkouts started; wait before starting another.");
    }
    return state;
  };
}
