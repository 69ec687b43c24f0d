/**
 * The inventory worker's domain metrics, on its own registry:
 *
 * - `fitconnect_stock_available{sku}`: available units of each product, read
 *   from the database when scraped (so every isolate reports the truth, not
 *   what it last saw); bounded by the catalog, equipment left out.
 * - `fitconnect_reservations_total{result}`: created, committed, released,
 *   expired, rejected (not enough stock, or not for sale).
 * - `fitconnect_stock_movements_total{kind}`: ledger rows written.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import { Counter, Gauge, type Registry } from "prom-client";
import type { Logger } from "../../shared/logging/logger.ts";
import type { MovementKind } from "./tables.ts";

/** How a reservation request or transition ended. */
export type ReservationResult = "created" | "committed" | "released" | "expired" | "rejected";

/** What the use cases count. */
export interface InventoryMetrics {
  reservations(result: ReservationResult, count?: number): void;
  movements(kinds: readonly MovementKind[]): void;
}

/** The metrics on `registry`; the gauge reads `levels()` at each scrape. */
export function createInventoryMetrics(
  registry: Registry,
  levels: () => Promise<{ sku: string; available: number }[]>,
  log: Logger,
): InventoryMetrics {
  new Gauge({
    name: "fitconnect_stock_available",
    help: "Available units (on hand minus reserved) of each product.",
    labelNames: ["sku"] as const,
    registers: [registry],
    async collect() {
      try {
        const rows = await levels();
        this.reset();
        for (const row of rows) this.set({ sku: row.sku }, row.available);
      } catch (error) {
        // A scrape must not fail because the database is briefly away: keep the last values.
        log.warn("stock levels unavailable for metrics", { error: describeError(error) });
      }
    },
  });
  const reservations = new Counter({
    name: "fitconnect_reservations_total",
    help: "Stock reservations by result: created, committed, released, expired, rejected.",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const movements = new Counter({
    name: "fitconnect_stock_movements_total",
    help: "Stock ledger rows written, by kind.",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  return {
    reservations(result, count = 1) {
      if (count > 0) reservations.inc({ result }, count);
    },
    movements(kinds) {
      for (const kind of kinds) movements.inc({ kind });
    },
  };
}
