/**
 * Health checks: each dependency is asked with a real round trip, all at
 * once, each bounded by a timeout so one hung store cannot hang `/health`.
 *
 * @module
 */

/** A check of one dependency: resolves when it answers, rejects otherwise. */
export type HealthCheck = () => Promise<void>;

/** The state of one checked dependency. */
export type HealthStatus = "ok" | "down";

/** Runs every check concurrently; a check that fails or outlasts `timeoutMs` is `down`. */
export async function runHealthChecks(
  checks: Record<string, HealthCheck>,
  timeoutMs = 2_000,
): Promise<Record<string, HealthStatus>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), timeoutMs);
        return [name, "ok"] as const;
      } catch {
        return [name, "down"] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** Settles like `promise`, or rejects once `ms` have passed. */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
