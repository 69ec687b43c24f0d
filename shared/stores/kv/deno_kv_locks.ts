/**
 * Waiting out SQLite's write lock on a Deno KV file that several processes
 * share (split mode: one file, one process per worker).
 *
 * SQLite lets one connection write at a time; another that wants to write
 * meanwhile gets "database is locked" at once instead of waiting its turn.
 * That is contention, not an outage: the write succeeds a few milliseconds
 * later. Without this, 25 concurrent logins in split mode turned some of
 * their lockout counts into 503s. Every call is retried whole, with jittered
 * backoff, for up to {@linkcode lockWaitBudgetMs}: each store operation
 * either committed nothing or finished (Deno KV commits atomically), so a
 * retry never applies a change twice. Past the budget the error goes on to
 * the guard (./resilient.ts), whose deadline is longer still.
 *
 * @module
 */

/** How long one call may keep waiting for the lock, below the guard's 2 s deadline. */
export const lockWaitBudgetMs = 1_500;

/** SQLite's SQLITE_BUSY, as Deno KV reports it. */
export function isLockedError(error: unknown): boolean {
  return error instanceof Error && error.message.includes("database is locked");
}

/** Runs `call`, again after a short pause whenever the file's write lock was taken. */
export async function whileLocked<T>(
  call: () => Promise<T>,
  budgetMs = lockWaitBudgetMs,
): Promise<T> {
  const started = performance.now();
  for (let attempt = 0;; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isLockedError(error) || performance.now() - started >= budgetMs) throw error;
      // 1, 2, 4 … up to 32 ms, jittered so that the writers that collided do not collide again.
      const pauseMs = Math.min(32, 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/** `store` with every method run under {@linkcode whileLocked}. */
export function waitingOutLocks<S extends object>(store: S): S {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(store)) {
    wrapped[name] = typeof member === "function"
      ? (...args: unknown[]) => whileLocked(() => member.apply(store, args))
      : member;
  }
  return wrapped as S;
}
