/**
 * A circuit breaker for calls to one peer: after a run of failures it stops
 * calling for a while, so a slow or dead peer costs its callers a fast 503
 * instead of a pile of requests each waiting out its deadline.
 *
 * Closed → (N failures in a row) → open for `openMs` → one probe is let
 * through (half-open): its success closes the breaker, its failure opens it
 * again.
 *
 * @module
 */

/** When a breaker opens and for how long. */
export interface BreakerOptions {
  /** Consecutive failures that open the breaker (default 5). */
  failures?: number;
  /** How long it stays open before a probe (default 5 s). */
  openMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/** One peer's breaker. */
export interface Breaker {
  /** Milliseconds until a call may be tried again: 0 when it may go now. */
  waitMs(): number;
  succeeded(): void;
  failed(): void;
}

/** A breaker that starts closed. */
export function createBreaker(options: BreakerOptions = {}): Breaker {
  const threshold = options.failures ?? 5;
  const openMs = options.openMs ?? 5_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openUntil = 0;
  let probing = false;
  return {
    waitMs() {
      if (failures < threshold) return 0;
      const left = openUntil - now();
      if (left > 0) return left;
      // Half-open: one probe at a time; the others wait for its outcome.
      if (probing) return openMs;
      probing = true;
      return 0;
    },
    succeeded() {
      failures = 0;
      probing = false;
    },
    failed() {
      failures++;
      probing = false;
      if (failures >= threshold) openUntil = now() + openMs;
    },
  };
}
