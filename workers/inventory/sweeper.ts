/**
 * The timer that releases lapsed reservations: every `intervalMs` it asks
 * the inventory worker, through its binding, to expire what is due
 * (`POST /internal/inventory/reservations/expire`). Going through the
 * binding makes it work the same embedded, split and in production (where a
 * scheduler can call the same route instead).
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import type { Logger } from "../../shared/logging/logger.ts";

/** How often lapsed reservations are released: one outlives its expiry by at most this. */
export const expirySweepIntervalMs = 30_000;

/** What the sweeper needs. */
export interface ExpirySweeperOptions {
  /** How often to sweep, in ms (e.g. 30 000: a reservation outlives its expiry by at most that). */
  intervalMs: number;
  log: Logger;
}

/** Asks the inventory worker once to expire due reservations; returns how many it expired. */
export async function sweepExpiredReservations(binding: ServiceBinding): Promise<number> {
  const response = await binding.fetch(
    new Request("http://inventory.internal/internal/inventory/reservations/expire", {
      method: "POST",
    }),
  );
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`Cannot expire reservations: ${response.status} ${text.slice(0, 200)}`);
  }
  return (JSON.parse(text) as { expired: number }).expired;
}

/**
 * Sweeps every `intervalMs` (never two sweeps at once); returns the function
 * that stops it. The timer does not keep the process alive.
 */
export function startExpirySweeper(
  binding: ServiceBinding,
  options: ExpirySweeperOptions,
): () => void {
  const log = options.log.with({ worker: "inventory", task: "expiry-sweeper" });
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const expired = await sweepExpiredReservations(binding);
      if (expired > 0) log.info("reservations expired", { expired });
    } catch (error) {
      log.warn("expiry sweep failed; the next one retries", { error: describeError(error) });
    } finally {
      running = false;
    }
  }, options.intervalMs);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}
