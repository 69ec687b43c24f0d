/**
 * `/health` answered from a result at most `ttlMs` old, so a load balancer
 * polling every gateway isolate many times a second cannot load the stores:
 * the stores are probed at most once per window per isolate, and callers
 * that arrive while a probe runs share it.
 *
 * `fresh` (operators' `?fresh=1`) skips the cached result but still joins a
 * probe already in flight, so even a flood of fresh requests keeps at most
 * one probe running per isolate.
 *
 * @module
 */

/** How long a health result is served before the stores are probed again. */
export const healthTtlMs = 1_500;

/** Reads health, probing only when the last result is older than the window (or `fresh`). */
export type CachedHealth<T> = (requestId: string, options?: { fresh?: boolean }) => Promise<T>;

/** Options of {@linkcode cacheHealth}; `now` is injectable for tests. */
export interface CacheHealthOptions {
  ttlMs?: number;
  now?: () => number;
}

/** Wraps `probe` in the window described above. A failed probe is not cached. */
export function cacheHealth<T>(
  probe: (requestId: string) => Promise<T>,
  { ttlMs = healthTtlMs, now = () => performance.now() }: CacheHealthOptions = {},
): CachedHealth<T> {
  let last: { value: T; at: number } | undefined;
  let inFlight: Promise<T> | undefined;
  return (requestId, { fresh = false } = {}) => {
    if (!fresh && last && now() - last.at < ttlMs) return Promise.resolve(last.value);
    inFlight ??= probe(requestId)
      .then((value) => {
        last = { value, at: now() };
        return value;
      })
      .finally(() => inFlight = undefined);
    return inFlight;
  };
}
