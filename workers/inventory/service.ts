/**
 * The inventory worker's use cases: the catalog and the admin's stock
 * adjustments here, reservations (reserve → commit | release | expire) in
 * ./reservations.ts. Nothing here knows about HTTP beyond the problems it
 * raises.
 *
 * Rules kept by both (./stock_rules.ts):
 * - every change of levels writes its ledger row in the same transaction;
 * - `StockLow` is written when a product's available stock falls from above
 *   its threshold to at or below it — once per crossing, not on every later
 *   change while it stays low.
 *
 * @module
 */
import { Problem } from "../../shared/http/problem.ts";
import type { KeysetPage } from "../../shared/stores/postgres/keyset_page.ts";
import { inventoryProblems } from "./problems.ts";
import { invalid, itemNotFound } from "./refusals.ts";
import type { ItemRow, MovementRow } from "./repository.ts";
import {
  createReservationService,
  type ReservationService,
  type ReservationServiceDeps,
} from "./reservations.ts";
import {
  type Adjustment,
  type ItemPatch,
  type ItemQuery,
  type MovementQuery,
  type NewItem,
  skuPattern,
} from "./schema.ts";
import { announceIfLow, movement } from "./stock_rules.ts";

/** What the use cases need: what the reservations need (./reservations.ts). */
export type InventoryServiceDeps = ReservationServiceDeps;

/** The inventory worker's use cases. */
export interface InventoryService extends ReservationService {
  listItems(query: ItemQuery): Promise<KeysetPage<ItemRow, string>>;
  /** 404 ITEM_NOT_FOUND when there is none. */
  getItem(sku: string): Promise<ItemRow>;
  /** 409 SKU_TAKEN when the SKU exists. The item starts with no stock. */
  createItem(item: NewItem): Promise<ItemRow>;
  /** 404, or 422 for a change the item's type does not allow. */
  updateItem(sku: string, patch: ItemPatch): Promise<ItemRow>;
  /** 409 INSUFFICIENT_STOCK when on hand would fall below 0 or below what is reserved. */
  adjustStock(
    sku: string,
    adjustment: Adjustment,
    actor: string,
  ): Promise<{ item: ItemRow; movement: MovementRow }>;
  listMovements(sku: string, query: MovementQuery): Promise<KeysetPage<MovementRow, number>>;
}

/** The use cases over `deps`. */
export function createInventoryService(deps: InventoryServiceDeps): InventoryService {
  const { repository, now, metrics } = deps;

  async function findItem(sku: string): Promise<ItemRow> {
    const row = skuPattern.test(sku) ? await repository.findItem(sku) : undefined;
    if (!row) throw itemNotFound();
    return row;
  }

  return {
    ...createReservationService(deps),

    listItems(query) {
      return repository.listItems({ type: query.type }, {
        limit: query.limit,
        after: query.cursor,
      });
    },

    getItem: findItem,

    async createItem(item) {
      const row = await repository.insertItem(
        {
          sku: item.sku,
          name: item.name,
          type: item.type,
          priceCents: item.priceCents,
          currency: item.currency,
          status: item.status,
          lowStockThreshold: item.lowStockThreshold,
        },
        now(),
      );
      if (!row) throw new Problem(inventoryProblems.SKU_TAKEN, "An item with this SKU exists.");
      return row;
    },

    async updateItem(sku, patch) {
      // The type never changes, so rules that depend on it hold after this read too.
      const item = await findItem(sku);
      if (item.type === "product" && patch.status === "maintenance") {
        throw invalid(
          "/status",
          "must be in_service or retired for a product (maintenance is for equipment)",
        );
      }
      if (item.type === "product" && patch.priceCents === 0) {
        throw invalid("/priceCents", "must be at least 1 for a product");
      }
      const row = await repository.updateItem(sku, {
        name: patch.name,
        priceCents: patch.priceCents,
        status: patch.status,
        lowStockThreshold: patch.lowStockThreshold,
      }, now());
      if (!row) throw itemNotFound();
      return row;
    },

    async adjustStock(sku, { delta, reason }, actor) {
      if (!skuPattern.test(sku)) throw itemNotFound();
      const at = now();
      const result = await repository.transaction(async (tx) => {
        const item = await tx.adjust(sku, delta, at);
        if (!item) {
          const current = await tx.findItem(sku);
          if (!current) throw itemNotFound();
          throw new Problem(
            inventoryProblems.INSUFFICIENT_STOCK,
            `On hand is ${current.onHand} with ${current.reserved} reserved: a change of ${delta} ` +
              "would take it below 0 or below what is reserved.",
            { extensions: { sku, onHand: current.onHand, reserved: current.reserved } },
          );
        }
        const [written] = await tx.record([
          movement("adjustment", sku, { onHand: delta, reserved: 0 }, {
            reason,
            actor,
            reservationId: null,
          }),
        ], at);
        await announceIfLow(tx, item, delta, at);
        return { item, movement: written };
      });
      metrics.movements(["adjustment"]);
      return result;
    },

    async listMovements(sku, query) {
      await findItem(sku);
      return await repository.listMovements(sku, { limit: query.limit, before: query.cursor });
    },
  };
}
