/**
 * The one error a store adapter raises when the store cannot be reached (a
 * dropped connection, a refused connect, no answer within the deadline, an
 * open breaker), as opposed to a store that answered "no" (a constraint, a
 * bad value). Routes let it propagate; `toProblem` answers it with a 503
 * and `Retry-After` on every route, and caches catch it to read through.
 *
 * @module
 */

/** Which store could not be reached. */
export type StoreName = "postgres" | "key-value";

/** A store could not be reached; the same request may succeed later. */
export class StoreUnavailableError extends Error {
  readonly store: StoreName;
  /** When a retry has a chance: how long the breaker stays open, else a second. */
  readonly retryAfterMs: number;

  /**
   * `reason` must not carry data (keys, values, query parameters): the message
   * is logged. The driver's own error goes in `cause`, which logs describe
   * safely (see ./error_description.ts).
   */
  constructor(
    store: StoreName,
    reason: string,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`The ${store} store is unavailable: ${reason}`, { cause: options.cause });
    this.name = "StoreUnavailableError";
    this.store = store;
    this.retryAfterMs = options.retryAfterMs ?? 1_000;
  }
}

/**
 * The StoreUnavailableError in `error` or its causes: drizzle wraps what the
 * driver throws in its own `DrizzleQueryError`, so it is rarely on top.
 */
export function findStoreUnavailable(error: unknown): StoreUnavailableError | undefined {
  const seen = new Set<unknown>();
  for (let e = error; e instanceof Error && !seen.has(e); e = e.cause) {
    if (e instanceof StoreUnavailableError) return e;
    seen.add(e);
  }
  return undefined;
}
