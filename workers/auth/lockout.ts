/**
 * The per-account lock against password guessing: at most
 * `failedLoginsPerAccount.limit` failed logins per window.
 *
 * The attempt is counted *before* the password is checked. Counting only
 * after a failure let N concurrent guesses all pass the check (each saw the
 * count below the limit) and all be verified; incrementing first is atomic
 * in the store, so of N concurrent attempts at most `limit` get verified.
 * A successful attempt then gives its count back: only failures lock.
 *
 * @module
 */
import {
  hit,
  type RateCounter,
  type RateLimit,
  rateLimited,
  type RateLimitState,
} from "../../shared/http/rate_limit.ts";

/** One login attempt's claim on an account's budget of failures. */
export interface LoginAttempt {
  state: RateLimitState;
  /** The password was right: this attempt was not a failure after all. */
  succeeded(): Promise<void>;
}

/** Counts an attempt on `emailNormalized`; a 429 Problem (Retry-After, RateLimit-*) past the limit. */
export async function beginLoginAttempt(
  kv: RateCounter,
  emailNormalized: string,
  limit: RateLimit,
): Promise<LoginAttempt> {
  const key = `failed:${emailNormalized}`;
  const state = await hit(kv, key, limit);
  if (state.exceeded) {
    throw rateLimited(state, "Too many failed logins for this account; try again later.");
  }
  return {
    state,
    async succeeded() {
      // The same window (its expiry is kept by increment); at worst, if it just ended, a new
      // window starts one below zero: one extra attempt, never a lock.
      await kv.increment(key, { ttlMs: limit.windowMs, by: -1 });
    },
  };
}
