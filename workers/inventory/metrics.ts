/**
 * The inventory worker's domain metrics, on its own registry:
 *
 * - `fitconnect_stock_available{sku}`: available units of each product, read
 *   from the database when scraped (so every isolate reports the truth, not
 *   what it last saw); bounded by the catalog, equipment left out.
 * - `fitconnect_stock_low_threshold{sku}`: each product's low-stock threshold,
 *   read with the levels, so "below threshold" is one comparison in PromQL.
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
  levels: () => Promise<{ sku: string; available: number; threshold: number }[]>,
  log: Logger,
): InventoryMetrics {
  type Level = { sku: string; available: number; threshold: number };
  // prom-client collects every metric at once: both gauges share one query per collection.
  let reading: Promise<Level[] | null> | undefined;
  const read = () =>
    reading ??= levels().catch((error) => {
      // A scrape must not fail because the database is briefly away: keep the last values.
      log.warn("stock levels unavailable for metrics", { error: describeError(error) });
      return null;
    }).finally(() => reading = undefined);
  const perSku = (name: string, help: string, value: (row: Level) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["sku"] as const,
      registers: [registry],
      async collect() {
        const rows = await read();
        if (!rows) return;
        this.reset();
        for (const row of rows) this.set({ sku: row.sku }, value(row));
      },
    });
  perSku(
    "fitconnect_stock_available",
    "Available units (on hand minus reserved) of each product.",
    (row) => row.available,
  );
  perSku(
    "fitconnect_stock_low_threshold",
    "Low-stock threshold of each product: at or below it, StockLow is announced.",
    (row) => row.threshold,
  );
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
