/**
 * Renders the seeded inventory catalog (./items.ts) as SQL for a drizzle-kit
 * custom migration: each item, and its opening stock as an `adjustment`
 * movement, inserted only when the item is new (applying it twice changes
 * nothing, and an item an admin has changed keeps its data and ledger):
 *
 * ```sh
 * deno task db:generate inventory -- --custom --name seed_inventory
 * deno run -A workers/inventory/catalog/seed_sql.ts db/migrations/inventory/<the new file>.sql
 * ```
 *
 * Without a file argument the SQL goes to stdout.
 *
 * @module
 */
import { sqlString } from "../../../shared/stores/postgres/sql_literals.ts";
import { type SeedItem, seedItems } from "./items.ts";

/** The idempotent insert of `items` and of their opening-stock movements. */
export function renderInventorySql(items: readonly SeedItem[] = seedItems): string {
  const rows = items.map((item) =>
    `  (${
      [
        sqlString(item.sku),
        sqlString(item.name),
        sqlString(item.type),
        String(item.priceCents),
        sqlString(item.currency),
        sqlString(item.status),
        String(item.lowStockThreshold),
        String(item.openingStock),
      ].join(", ")
    })`
  );
  return [
    "-- Seed: the shop's products and the gym's equipment, with their opening stock.",
    "-- Rendered by workers/inventory/catalog/seed_sql.ts from ./items.ts; do not edit by hand.",
    "WITH seeded AS (",
    `  INSERT INTO "inventory"."items" (sku, name, type, price_cents, currency, status, low_stock_threshold, on_hand) VALUES`,
    rows.join(",\n"),
    "  ON CONFLICT (sku) DO NOTHING",
    "  RETURNING sku, on_hand",
    ")",
    `INSERT INTO "inventory"."stock_movements" (sku, kind, delta_on_hand, delta_reserved, reason, actor)`,
    "SELECT sku, 'adjustment', on_hand, 0, 'opening stock', 'system' FROM seeded WHERE on_hand > 0;",
    "",
  ].join("\n");
}

if (import.meta.main) {
  const sql = renderInventorySql();
  const [file] = Deno.args;
  if (file) await Deno.writeTextFile(file, sql);
  else console.log(sql);
}
