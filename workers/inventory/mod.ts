/**
 * The inventory worker owns shop products and gym equipment, and the stock ledger behind them.
 * Its tables live in the `inventory` Postgres schema (./tables.ts).
 *
 * @module
 */
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";

/** What the inventory worker needs. */
export type InventoryDeps = DomainDeps;

/** The inventory worker's Hono app; no side effects until it serves a request. */
export function createInventoryWorker(deps: InventoryDeps) {
  return createDomainApp("inventory", deps);
}

/** The app's type, for typed clients (`hc<InventoryApp>`). */
export type InventoryApp = ReturnType<typeof createInventoryWorker>;
