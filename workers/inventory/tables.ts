/**
 * Postgres tables of the inventory domain: all of them live in the `inventory` schema.
 *
 * Stock is a ledger (`stock_movements`); `items.on_hand` and `items.reserved`
 * are its running sums, changed in the same transaction as each ledger row,
 * so reading a level is one indexed row and never a sum. The CHECK
 * constraints are the last line of defence against overselling: every write
 * is a conditional UPDATE that already refuses what they would refuse.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { outboxTable, processedMessagesTable } from "../../shared/events/tables.ts";

export const inventorySchema = pgSchema("inventory");

/** What an item is: sold in the shop, or the gym's own machines and weights. */
export const itemTypes = ["product", "equipment"] as const;
export type ItemType = (typeof itemTypes)[number];

/** `in_service` (on sale / in use), `maintenance` (equipment only), `retired` (withdrawn). */
export const itemStatuses = ["in_service", "maintenance", "retired"] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Why stock moved. */
export const movementKinds = ["adjustment", "reservation", "release", "sale", "expiry"] as const;
export type MovementKind = (typeof movementKinds)[number];

/** Where a reservation is in its life. */
export const reservationStatuses = ["active", "committed", "released", "expired"] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** Shop products and gym equipment, with their current stock levels. */
export const items = inventorySchema.table("items", {
  sku: text("sku").primaryKey(),
  name: text("name").notNull(),
  type: text("type", { enum: itemTypes }).notNull(),
  /** Minor units of `currency`; 0 for equipment (not for sale). */
  priceCents: integer("price_cents").notNull(),
  currency: text("currency").notNull(),
  status: text("status", { enum: itemStatuses }).notNull().default("in_service"),
  /** `StockLow` is written when `available` falls to or below this. */
  lowStockThreshold: integer("low_stock_threshold").notNull().default(0),
  /** Σ delta_on_hand of the item's movements. */
  onHand: integer("on_hand").notNull().default(0),
  /** Σ delta_reserved of the item's movements: held by active reservations. */
  reserved: integer("reserved").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  /** Bumped by every change, stock included (the item's entity tag). */
  version: integer("version").notNull().default(1),
}, (table) => [
  check("items_sku_format", sql`${table.sku} ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'`),
  check("items_type", sql`${table.type} in ('product', 'equipment')`),
  check("items_status", sql`${table.status} in ('in_service', 'maintenance', 'retired')`),
  check("items_currency_format", sql`${table.currency} ~ '^[A-Z]{3}$'`),
  check("items_price_cents_nonnegative", sql`${table.priceCents} >= 0`),
  check("items_low_stock_threshold_nonnegative", sql`${table.lowStockThreshold} >= 0`),
  check("items_on_hand_nonnegative", sql`${table.onHand} >= 0`),
  check("items_reserved_nonnegative", sql`${table.reserved} >= 0`),
  check("items_reserved_within_on_hand", sql`${table.reserved} <= ${table.onHand}`),
  check(
    "items_maintenance_is_equipment",
    sql`${table.status} <> 'maintenance' or ${table.type} = 'equipment'`,
  ),
  index("items_type_sku_idx").on(table.type, table.sku),
]);

/** The stock ledger: one row per change of an item's levels. */
export const stockMovements = inventorySchema.table("stock_movements", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  sku: text("sku").notNull().references(() => items.sku),
  kind: text("kind", { enum: movementKinds }).notNull(),
  deltaOnHand: integer("delta_on_hand").notNull(),
  deltaReserved: integer("delta_reserved").notNull(),
  reason: text("reason").notNull(),
  /** A user id, "system", or "deleted-user" once that user closed their account. */
  actor: text("actor").notNull(),
  reservationId: text("reservation_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  check(
    "stock_movements_kind",
    sql`${table.kind} in ('adjustment', 'reservation', 'release', 'sale', 'expiry')`,
  ),
  index("stock_movements_sku_id_idx").on(table.sku, table.id),
  index("stock_movements_actor_idx").on(table.actor),
  index("stock_movements_reservation_id_idx").on(table.reservationId),
]);

/** One line of a reservation, priced when it was reserved. */
export interface ReservationLine {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  currency: string;
}

/** Stock held for a checkout until it is sold, released or expires. */
export const reservations = inventorySchema.table("reservations", {
  /** Chosen by the caller (payments): reserving the same id again changes nothing. */
  id: text("id").primaryKey(),
  status: text("status", { enum: reservationStatuses }).notNull(),
  currency: text("currency").notNull(),
  lines: jsonb("lines").$type<ReservationLine[]>().notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
}, (table) => [
  check(
    "reservations_status",
    sql`${table.status} in ('active', 'committed', 'released', 'expired')`,
  ),
  // The sweep reads only active reservations, oldest expiry first.
  index("reservations_active_expires_at_idx").on(table.expiresAt)
    .where(sql`status = 'active'`),
]);

/** `StockLow` events, written in the same transaction as the movement that crossed. */
export const outbox = outboxTable(inventorySchema);

/** Events already handled (UserDeleted): a redelivery has no second effect. */
export const processedMessages = processedMessagesTable(inventorySchema);
