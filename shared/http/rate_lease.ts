/**
 * Counting a rate limit without a store write per request: an isolate
 * reserves hits in leases of 1 % of the limit (at least 1, so a small limit
 * counts exactly as before) and spends them locally until the window ends.
 *
 * Hits are counted on the shared store *before* they are spent, so all the
 * isolates together never admit more than the limit; the price is that an
 * isolate's unspent lease may refuse others a little early (at most 1 % of
 * the limit per isolate and window). The default 300 a minute writes to the
 * store once every 3 requests; a load test's huge limit about once a window.
 *
 * @module
 */
import { hit, type RateCounter, type RateLimit, type RateLimitState } from "./rate_limit.ts";
import { Lru } from "../cache/lru.ts";

interface Lease {
  /** Hits reserved and not yet spent. */
  left: number;
  /** Where the key stood when the lease was taken (its `remaining` counts the lease as spent). */
  state: RateLimitState;
  /** When the window the lease belongs to ends (ms since the epoch). */
  until: number;
}

/** A hit counter for `limit` that leases from `counter` (clients' leases are an LRU of 10,000). */
export function leasedHits(counter: RateCounter, limit: RateLimit, now = () => Date.now()) {
  const size = Math.max(1, Math.floor(limit.limit / 100));
  const leases = new Lru<string, Lease>({ maxEntries: 10_000, maxWeight: 10_000 });

  /**
   * Counts one request for `key` (rejects as `hit` does when the store cannot
   * count). A hit spent from a lease is answered at once, not as a promise:
   * that is nearly every request, and awaiting costs a turn of the event loop.
   */
  return (key: string): RateLimitState | Promise<RateLimitState> => {
    const at = now();
    const lease = leases.get(key);
    if (lease && lease.left > 0 && at < lease.until) {
      lease.left--;
      return { ...lease.state, remaining: lease.state.remaining + lease.left };
    }
    return takeLease(key, at);
  };

  async function takeLease(key: string, at: number): Promise<RateLimitState> {
    const state = await hit(counter, key, limit, size);
    // A lease that went past the limit may have held a few usable hits: refusing
    // them is the under-admission the module comment bounds (exact for a lease of 1).
    if (state.exceeded) return state;
    const left = size - 1;
    leases.set(key, { left, state, until: at + state.resetSec * 1000 }, 1);
    return { ...state, remaining: state.remaining + left };
  }
}
