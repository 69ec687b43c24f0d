/** What every key-value/cache adapter (Deno KV embedded, Upstash in production) provides. */
export interface KeyValueStore {
  readonly kind: "deno-kv" | "upstash";
  /** The JSON value under key, or null when absent or expired. */
  get<T>(key: string): Promise<T | null>;
  /**
   * The values under `keys`, in the same order (null where absent or expired), read in one
   * round trip where the store allows: a check that needs several keys on every request
   * (revocations) pays one network latency, not one per key.
   */
  getMany<T>(keys: string[]): Promise<(T | null)[]>;
  set(key: string, value: unknown, options?: { ttlMs?: number }): Promise<void>;
  /** Stores only when no live value exists; true when this call stored it. */
  setIfAbsent(key: string, value: unknown, options?: { ttlMs?: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Atomically adds `by` (default 1) to a counter; the first increment of a window sets its expiry (ttlMs), later ones keep it. Used for rate limits across isolates. */
  increment(
    key: string,
    options: { ttlMs: number; by?: number },
  ): Promise<{ value: number; expiresInMs: number }>;
  /** A real round trip to the store (used by /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Both adapters reject a ttl that the stores cannot honour instead of storing forever. */
export function checkTtl(operation: string, ttlMs: number | undefined): void {
  if (ttlMs !== undefined && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new RangeError(`Cannot ${operation}: ttlMs must be a positive number, got ${ttlMs}`);
  }
}
