/**
 * Forgets idempotency keys past their day, every hour, where timers live
 * (embedded, split); on Deno Deploy a cron would call the same operation.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import type { Logger } from "../../shared/logging/logger.ts";

/** How often idempotency keys past their day are deleted. */
export const idempotencyPruneIntervalMs = 60 * 60_000;

/** Prunes every hour; returns the function that stops it. The timer does not keep the process alive. */
export function startIdempotencyPruning(
  payments: { pruneIdempotencyKeys(): Promise<unknown> },
  log: Logger,
): () => void {
  const timer = setInterval(() => {
    payments.pruneIdempotencyKeys().catch((error) =>
      log.warn("pruning idempotency keys failed; will retry", { error: describeError(error) })
    );
  }, idempotencyPruneIntervalMs);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}
