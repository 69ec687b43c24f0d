/**
 * The inventory tables through drizzle: with ./at_once.ts (a checkout's
 * reservation and sale in one statement each), the only file of the worker
 * that speaks SQL.
 *
 * Every change of stock is one conditional UPDATE of the item's counters
 * (`… where on_hand - reserved >= $q returning …`): Postgres re-checks the
 * condition on the latest row version after waiting for a concurrent writer,
 * so no interleaving of requests can sell a unit twice. The ledger row, the
 * reservation and any outbox event are written in the same transaction.
 *
 * @module
 */
import { and, asc, desc, eq, gt, inArray, lt, lte, sql } from "drizzle-orm";
import { recordEvent } from "../../shared/events/outbox.ts";
import { StockLow } from "./contracts.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { type KeysetPage, keysetPage } from "../../shared/stores/postgres/keyset_page.ts";
import { type AtOnceReservation, commitAtOnce, reserveAtOnce } from "./at_once.ts";
import {
  items,
  type ItemStatus,
  type ItemType,
  type MovementKind,
  outbox,
  reservations,
  type ReservationStatus,
  stockMovements,
} from "./tables.ts";

/** An item as stored, levels included. */
export type ItemRow = typeof items.$inferSelect;

/** A row of the ledger. */
export type MovementRow = typeof stockMovements.$inferSelect;

/** A reservation as stored. */
export type ReservationRow = typeof reservations.$inferSelect;

/** A movement to write (its id and time are the database's and the transaction's). */
export interface NewMovement {
  sku: string;
  kind: MovementKind;
  deltaOnHand: number;
  deltaReserved: number;
  reason: string;
  actor: string;
  reservationId: string | null;
}

/** The columns an admin may change. */
export type ItemChanges = Partial<
  Pick<ItemRow, "name" | "priceCents" | "status" | "lowStockThreshold">
>;

/** The new item of `POST /v1/inventory/items` (it starts with no stock). */
export interface NewItemRow {
  sku: string;
  name: string;
  type: ItemType;
  priceCents: number;
  currency: string;
  status: ItemStatus;
  lowStockThreshold: number;
}

/**
 * The writes of one transaction. Each stock method changes one item's
 * counters only when the condition in its name holds, and answers the
 * item's new row, or undefined when the condition (or the item) failed.
 */
export interface StockTransaction {
  /** Reserves `quantity` of an in-service product when that much is available. */
  reserve(sku: string, quantity: number, at: Date): Promise<ItemRow | undefined>;
  /** Gives back `quantity` held by a reservation. */
  unreserve(sku: string, quantity: number, at: Date): Promise<ItemRow | undefined>;
  /** Sells `quantity` held by a reservation (on hand and reserved both fall). */
  sellReserved(sku: string, quantity: number, at: Date): Promise<ItemRow | undefined>;
  /** Sells `quantity` that is available now (a lapsed reservation being paid after all). */
  sellAvailable(sku: string, quantity: number, at: Date): Promise<ItemRow | undefined>;
  /** Changes on hand by `delta` when it stays at or above what is reserved. */
  adjust(sku: string, delta: number, at: Date): Promise<ItemRow | undefined>;
  findItem(sku: string): Promise<ItemRow | undefined>;
  findItems(skus: readonly string[]): Promise<ItemRow[]>;
  /** Appends to the ledger; returns the rows as stored. */
  record(movements: readonly NewMovement[], at: Date): Promise<MovementRow[]>;
  /** Writes `StockLow` to the outbox. */
  stockLow(event: StockLow, at: Date): Promise<void>;
  /**
   * Claims reservation `id` with an empty placeholder; false when it exists.
   * A concurrent claim of the same id waits here until the first commits.
   */
  claimReservation(id: string, expiresAt: Date, at: Date): Promise<boolean>;
  /** Fills in a claimed reservation. */
  completeReservation(
    id: string,
    fields: Pick<ReservationRow, "currency" | "lines">,
  ): Promise<ReservationRow>;
  /** Reservation `id`, locked until the transaction ends. */
  lockReservation(id: string): Promise<ReservationRow | undefined>;
  setReservationStatus(id: string, status: ReservationStatus, at: Date): Promise<ReservationRow>;
  /** Active reservations past their expiry, oldest first, locked (ones locked elsewhere skipped). */
  lockExpired(now: Date, limit: number): Promise<ReservationRow[]>;
}

/** Everything the inventory worker stores. */
export interface InventoryRepository {
  /**
   * Reserves every line in one statement (one round trip): the claim of the
   * id, the stock, the ledger rows and the priced reservation. Undefined,
   * with nothing changed, whenever it is not that simple — a line unknown,
   * not for sale or short of stock, mixed currencies, the id taken, or a
   * line crossing its low-stock threshold (whose `StockLow` the transaction
   * writes): the caller then reserves in a transaction, which says why.
   */
  reserveAtOnce(reservation: AtOnceReservation): Promise<ReservationRow | undefined>;
  /**
   * Sells an active reservation in one statement: `committed`, the units gone
   * from on hand and reserved, a `sale` per line. Undefined, with nothing
   * changed, when it is not active: the caller commits in a transaction.
   */
  commitAtOnce(sale: { id: string; at: Date; actor: string }): Promise<ReservationRow | undefined>;
  findItem(sku: string): Promise<ItemRow | undefined>;
  /** Items in SKU order after `after`, of `type` when given; the cursor is the last SKU. */
  listItems(
    filter: { type?: ItemType },
    page: { limit: number; after?: string },
  ): Promise<KeysetPage<ItemRow, string>>;
  /** The new item, or undefined when its SKU is taken. */
  insertItem(item: NewItemRow, at: Date): Promise<ItemRow | undefined>;
  /** The changed item, or undefined when there is none. */
  updateItem(sku: string, changes: ItemChanges, at: Date): Promise<ItemRow | undefined>;
  /** The item's movements, newest first, before id `before`; the cursor is the last id. */
  listMovements(
    sku: string,
    page: { limit: number; before?: number },
  ): Promise<KeysetPage<MovementRow, number>>;
  findReservation(id: string): Promise<ReservationRow | undefined>;
  /** Available stock of every product, for the stock gauge. */
  productLevels(): Promise<{ sku: string; available: number; threshold: number }[]>;
  /** Replaces `userId` as the actor of movements (account deletion); returns how many changed. */
  anonymiseActor(userId: string, replacement: string): Promise<number>;
  /** Runs `work` in one transaction: all of it commits, or none. */
  transaction<T>(work: (tx: StockTransaction) => Promise<T>): Promise<T>;
}

/** `update items set <changes>, updated_at, version + 1 where sku = $sku and <condition>`. */
function changeLevels(
  db: Database,
  sku: string,
  at: Date,
  levels: { onHand?: number; reserved?: number },
  condition: ReturnType<typeof sql> | undefined,
) {
  return db.update(items)
    .set({
      ...(levels.onHand !== undefined ? { onHand: sql`${items.onHand} + ${levels.onHand}` } : {}),
      ...(levels.reserved !== undefined
        ? { reserved: sql`${items.reserved} + ${levels.reserved}` }
        : {}),
      updatedAt: at,
      version: sql`${items.version} + 1`,
    })
    .where(and(eq(items.sku, sku), condition))
    .returning()
    .then((rows) => rows[0] as ItemRow | undefined);
}

function stockTransaction(tx: Database): StockTransaction {
  return {
    reserve: (sku, quantity, at) =>
      changeLevels(
        tx,
        sku,
        at,
        { reserved: quantity },
        sql`${items.type} = 'product' and ${items.status} = 'in_service'
          and ${items.onHand} - ${items.reserved} >= ${quantity}`,
      ),
    unreserve: (sku, quantity, at) =>
      changeLevels(tx, sku, at, { reserved: -quantity }, sql`${items.reserved} >= ${quantity}`),
    sellReserved: (sku, quantity, at) =>
      changeLevels(
        tx,
        sku,
        at,
        { onHand: -quantity, reserved: -quantity },
        sql`${items.reserved} >= ${quantity}`,
      ),
    sellAvailable: (sku, quantity, at) =>
      changeLevels(
        tx,
        sku,
        at,
        { onHand: -quantity },
        sql`${items.onHand} - ${items.reserved} >= ${quantity}`,
      ),
    adjust: (sku, delta, at) =>
      changeLevels(
        tx,
        sku,
        at,
        { onHand: delta },
        sql`${items.onHand} + ${delta} >= ${items.reserved}`,
      ),
    async findItem(sku) {
      const [row] = await tx.select().from(items).where(eq(items.sku, sku));
      return row;
    },
    async findItems(skus) {
      if (skus.length === 0) return [];
      return await tx.select().from(items).where(inArray(items.sku, [...skus]));
    },
    async record(movements, at) {
      if (movements.length === 0) return [];
      return await tx.insert(stockMovements)
        .values(movements.map((movement) => ({ ...movement, createdAt: at })))
        .returning();
    },
    async stockLow(event, at) {
      await recordEvent(tx, outbox, StockLow, event, at);
    },
    async claimReservation(id, expiresAt, at) {
      const claimed = await tx.insert(reservations)
        .values({
          id,
          status: "active",
          currency: "XXX",
          lines: [],
          expiresAt,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing()
        .returning({ id: reservations.id });
      return claimed.length > 0;
    },
    async completeReservation(id, fields) {
      const [row] = await tx.update(reservations).set(fields).where(eq(reservations.id, id))
        .returning();
      return row;
    },
    async lockReservation(id) {
      const [row] = await tx.select().from(reservations).where(eq(reservations.id, id))
        .for("update");
      return row;
    },
    async setReservationStatus(id, status, at) {
      const [row] = await tx.update(reservations).set({ status, updatedAt: at })
        .where(eq(reservations.id, id)).returning();
      return row;
    },
    async lockExpired(now, limit) {
      return await tx.select().from(reservations)
        .where(and(eq(reservations.status, "active"), lte(reservations.expiresAt, now)))
        .orderBy(asc(reservations.expiresAt), asc(reservations.id))
        .limit(limit)
        .for("update", { skipLocked: true });
    },
  };
}

/** The repository over `db` (the worker's, or a delivery's transaction). */
export function createInventoryRepository(db: Database): InventoryRepository {
  return {
    reserveAtOnce: (reservation) => reserveAtOnce(db, reservation),
    commitAtOnce: (sale) => commitAtOnce(db, sale),

    async findItem(sku) {
      const [row] = await db.select().from(items).where(eq(items.sku, sku));
      return row;
    },

    listItems(filter, { limit, after }) {
      const query = (take: number) =>
        db.select().from(items)
          .where(and(
            filter.type ? eq(items.type, filter.type) : undefined,
            after !== undefined ? gt(items.sku, after) : undefined,
          ))
          .orderBy(asc(items.sku))
          .limit(take);
      return keysetPage(query, limit, { item: (row) => row, position: (last) => last.sku });
    },

    async insertItem(item, at) {
      const [row] = await db.insert(items)
        .values({ ...item, onHand: 0, reserved: 0, createdAt: at, updatedAt: at })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    async updateItem(sku, changes, at) {
      const [row] = await db.update(items)
        .set({ ...changes, updatedAt: at, version: sql`${items.version} + 1` })
        .where(eq(items.sku, sku))
        .returning();
      return row;
    },

    listMovements(sku, { limit, before }) {
      const query = (take: number) =>
        db.select().from(stockMovements)
          .where(and(
            eq(stockMovements.sku, sku),
            before !== undefined ? lt(stockMovements.id, before) : undefined,
          ))
          .orderBy(desc(stockMovements.id))
          .limit(take);
      return keysetPage(query, limit, { item: (row) => row, position: (last) => last.id });
    },

    async findReservation(id) {
      const [row] = await db.select().from(reservations).where(eq(reservations.id, id));
      return row;
    },

    async productLevels() {
      return await db.select({
        sku: items.sku,
        available: sql<number>`${items.onHand} - ${items.reserved}`.mapWith(Number),
        threshold: items.lowStockThreshold,
      }).from(items).where(eq(items.type, "product"));
    },

    async anonymiseActor(userId, replacement) {
      const changed = await db.update(stockMovements).set({ actor: replacement })
        .where(eq(stockMovements.actor, userId))
        .returning({ id: stockMovements.id });
      return changed.length;
    },

    transaction(work) {
      return db.transaction((tx) => work(stockTransaction(tx)));
    },
  };
}
