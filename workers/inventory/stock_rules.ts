/**
 * The stock rules every change of levels follows, shared by the admin's
 * adjustments (./service.ts) and the reservations (./reservations.ts):
 * availability, the low-stock crossing that writes `StockLow`, the lock order
 * of lines, and the ledger rows.
 *
 * @module
 */
import type { ItemRow, NewMovement, StockTransaction } from "./repository.ts";
import type { MovementKind } from "./tables.ts";

/** Units that can be sold or reserved now. */
export function available(row: ItemRow): number {
  return row.onHand - row.reserved;
}

export function forSale(row: ItemRow): boolean {
  return row.type === "product" && row.status === "in_service";
}

/** True when `change` (in available units) took a product from above its threshold to at or below. */
function crossedThreshold(row: ItemRow, change: number): boolean {
  if (row.type !== "product" || change >= 0) return false;
  const after = available(row);
  return after <= row.lowStockThreshold && after - change > row.lowStockThreshold;
}

/** Writes `StockLow` for `row` when `change` crossed its threshold. */
export async function announceIfLow(tx: StockTransaction, row: ItemRow, change: number, at: Date) {
  if (!crossedThreshold(row, change)) return;
  await tx.stockLow(
    { sku: row.sku, name: row.name, available: available(row), threshold: row.lowStockThreshold },
    at,
  );
}

/** Lines of one SKU merged (quantities added), in the order each SKU first appears. */
export function mergeLines(lines: readonly { sku: string; quantity: number }[]) {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * `lines` in SKU order: every transaction locks items in the same order, so
 * two checkouts of the same items wait for each other instead of deadlocking.
 */
export function inLockOrder<T extends { sku: string }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/** A ledger row of `kind` for `sku`. */
export function movement(
  kind: MovementKind,
  sku: string,
  deltas: { onHand: number; reserved: number },
  fields: { reason: string; actor: string; reservationId: string | null },
): NewMovement {
  return { sku, kind, deltaOnHand: deltas.onHand, deltaReserved: deltas.reserved, ...fields };
}
