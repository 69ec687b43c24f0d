/**
 * The Inventory section of the contract, part 1: the public catalog
 * (`GET /v1/inventory/items`) and the availability check
 * (`GET /v1/inventory/items/:sku`), on the seeded catalog.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import {
  gymEquipment,
  type ItemBody,
  type ItemSummaryBody,
  type Page,
  products,
  renderInventorySql,
  seedItems,
} from "../workers/inventory/testing.ts";

async function list(platform: TestPlatform, query = ""): Promise<Page<ItemSummaryBody>> {
  return await expectJson<Page<ItemSummaryBody>>(
    await platform.request(`/v1/inventory/items${query}`),
    200,
  );
}

/** Every page of a listing, following `nextCursor`. */
async function listAll(platform: TestPlatform, query: string): Promise<ItemSummaryBody[]> {
  const all: ItemSummaryBody[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${cursor}` : "";
    const page: Page<ItemSummaryBody> = await list(platform, `?${query}${suffix}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

Deno.test("[inventory] the seed migration is the rendered catalog", async () => {
  const migration = await Deno.readTextFile(
    new URL("../db/migrations/inventory/0001_legacy_seed_inventory.sql", import.meta.url),
  );
  assert.equal(migration, renderInventorySql());
  assert.ok(products.length >= 25 && gymEquipment.length >= 15);
  assert.equal(new Set(seedItems.map((item) => item.sku)).size, seedItems.length);
});

platformTest("[inventory] GET /v1/inventory/items", async (t, open) => {
  const platform = await open();

  await t.step("lists the seeded catalog in SKU order, 20 by default", async () => {
    const page = await list(platform);
    assert.equal(page.items.length, 20);
    assert.equal(typeof page.nextCursor, "string");
    const skus = page.items.map((item) => item.sku);
    assert.deepEqual(skus, [...skus].sort());
    assert.deepEqual(Object.keys(page.items[0]).sort(), [
      "available",
      "currency",
      "name",
      "priceCents",
      "sku",
      "status",
      "type",
    ]);
  });

  await t.step("pages through every item exactly once", async () => {
    const all = await listAll(platform, "limit=7");
    assert.deepEqual(all.map((item) => item.sku), seedItems.map((item) => item.sku).sort());
    const whey = all.find((item) => item.sku === "SUP-WHEY-VANILLA-1KG")!;
    assert.deepEqual(whey, {
      sku: "SUP-WHEY-VANILLA-1KG",
      name: "Whey Protein Vanilla 1 kg",
      type: "product",
      priceCents: 2999,
      currency: "EUR",
      available: 40,
      status: "in_service",
    });
  });

  await t.step("filters by type", async () => {
    const equipment = await listAll(platform, "type=equipment&limit=100");
    assert.deepEqual(equipment.map((item) => item.sku), gymEquipment.map((i) => i.sku).sort());
    assert.ok(equipment.every((item) => item.type === "equipment" && item.priceCents === 0));
    assert.ok(equipment.some((item) => item.status === "maintenance"));
    const shop = await listAll(platform, "type=product&limit=3");
    assert.equal(shop.length, products.length);
    assert.ok(shop.every((item) => item.type === "product" && item.priceCents > 0));
  });

  await t.step("refuses bad parameters with 422 naming them", async () => {
    for (
      const [query, pointer] of [
        ["?type=food", "type"],
        ["?limit=0", "limit"],
        ["?limit=101", "limit"],
        ["?limit=abc", "limit"],
        ["?cursor=not-a-cursor", "cursor"],
        // A cursor of another list (the exercises') is not one of this list.
        ["?cursor=eyJrIjoiZXgiLCJuIjoiQSIsImkiOiJhIn0", "cursor"],
      ]
    ) {
      const problem = await expectProblem(
        await platform.request(`/v1/inventory/items${query}`),
        422,
        "VALIDATION_FAILED",
      );
      assert.equal(problem.errors?.[0].pointer, pointer, query);
    }
  });
});

platformTest("[inventory] GET /v1/inventory/items/:sku", async (t, open) => {
  const platform = await open();

  await t.step("answers levels without a token", async () => {
    const response = await platform.request("/v1/inventory/items/ACC-LIFTING-BELT-M");
    assert.equal(response.headers.get("cache-control"), "no-store");
    const item = await expectJson<ItemBody>(response, 200);
    assert.equal(item.sku, "ACC-LIFTING-BELT-M");
    assert.equal(item.type, "product");
    assert.equal(item.priceCents, 5999);
    assert.equal(item.currency, "EUR");
    assert.equal(item.onHand, 8);
    assert.equal(item.reserved, 0);
    assert.equal(item.available, 8);
    assert.equal(item.status, "in_service");
    assert.equal(item.lowStockThreshold, 2);
  });

  await t.step("answers equipment with its status", async () => {
    const item = await expectJson<ItemBody>(
      await platform.request("/v1/inventory/items/EQ-ELLIPTICAL"),
      200,
    );
    assert.equal(item.type, "equipment");
    assert.equal(item.status, "maintenance");
    assert.equal(item.onHand, 4);
  });

  await t.step("is 404 ITEM_NOT_FOUND for an unknown or malformed SKU", async () => {
    for (const sku of ["NOPE-404", "lowercase-sku", "-DASH", "X", "A".repeat(41), "%E2%82%AC"]) {
      await expectProblem(
        await platform.request(`/v1/inventory/items/${sku}`),
        404,
        "ITEM_NOT_FOUND",
      );
    }
  });

  await t.step("the seeded ledger sums to every item's levels", async () => {
    const { rows } = await platform.stores.postgres.db.execute<Record<string, unknown>>(sql`
      select i.sku from inventory.items i
      left join (select sku, sum(delta_on_hand)::int as on_hand, sum(delta_reserved)::int as reserved
                 from inventory.stock_movements group by sku) m on m.sku = i.sku
      where coalesce(m.on_hand, 0) <> i.on_hand or coalesce(m.reserved, 0) <> i.reserved
    `);
    assert.deepEqual(rows, []);
  });
});
