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
  /**
   * Atomically adds each delta to its field of the hash at `key` (a missing field starts at 0),
   * all or none. With `once`, the whole addition happens at most once per `once.key` (a key of
   * this store, kept `ttlMs`): a repeated call changes nothing and answers false, so a retried
   * report is never added twice. At most {@linkcode maxFieldsPerIncrement} fields per call.
   * Used for metric totals that many isolates add to.
   */
  incrementFields(
    key: string,
    deltas: Record<string, number>,
    options?: { once?: { key: string; ttlMs: number } },
  ): Promise<boolean>;
  /** Every field of the hash at `key` with its number ({} when there is none). */
  getFields(key: string): Promise<Record<string, number>>;
  /** Removes `fields` from the hash at `key` (absent ones are ignored). */
  deleteFields(key: string, fields: string[]): Promise<void>;
  /** A real round trip to the store (used by /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The most fields one `incrementFields` call takes, so that one call stays one small commit
 * (Deno KV) or script (Redis) that the store's deadline allows. Callers split larger sets.
 */
export const maxFieldsPerIncrement = 500;

/** Rejects a call the stores cannot run atomically or whose numbers are not finite. */
export function checkFieldDeltas(key: string, deltas: Record<string, number>): [string, number][] {
  const entries = Object.entries(deltas);
  if (entries.length > maxFieldsPerIncrement) {
    throw new RangeError(
      `Cannot increment fields of ${key}: ${entries.length} fields, at most ${maxFieldsPerIncrement}`,
    );
  }
  for (const [field, delta] of entries) {
    if (!Number.isFinite(delta)) {
      throw new RangeError(`Cannot increment field ${field} of ${key}: ${delta} is not finite`);
    }
  }
  return entries;
}

/** Both adapters reject a ttl that the stores cannot honour instead of storing forever. */
export function checkTtl(operation: string, ttlMs: number | undefined): void {
  if (ttlMs !== undefined && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new RangeError(`Cannot ${operation}: ttlMs must be a positive number, got ${ttlMs}`);
  }
}
