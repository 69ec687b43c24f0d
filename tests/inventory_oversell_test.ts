/**
 * The Inventory section of the contract, part 4: "stock never goes negative
 * and is never oversold, whatever the concurrency" — 50 concurrent checkouts
 * for the last 10 units reserve exactly 10, on PGlite and (production
 * adapters) on a real PostgreSQL through the Neon driver.
 */
import assert from "node:assert/strict";
import { inProcessBinding } from "../shared/bindings/service_binding.ts";
import {
  adminToken,
  internalRequest,
  inventoryClientOf,
  itemOf,
  jsonRequest,
  ledgerMismatches,
  stockedProduct,
} from "../workers/inventory/testing.ts";
import { expectJson } from "../shared/testing/assertions.ts";
import { platformTest } from "./support/platform.ts";

platformTest("[inventory] 50 concurrent checkouts for the last 10 units", async (t, open) => {
  // The freshness step's readers ask as fast as the platform answers, far past one address's
  // budget (300 a minute): this suite is about stock, so the limits stay out of its way.
  const unlimited = { limit: 1_000_000_000, windowMs: 60_000 };
  const platform = await open({
    restRateLimits: {
      key: { ...unlimited, policy: "key" },
      user: { ...unlimited, policy: "user" },
      anonymous: { ...unlimited, policy: "ip" },
    },
  });
  const admin = await adminToken(platform);
  const inventory = inventoryClientOf(platform);

  await t.step("reserve exactly 10; the other 40 are 409 INSUFFICIENT_STOCK", async () => {
    const item = await stockedProduct(platform, admin, { stock: 10 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        inventory.reserve({
          reservationId: `checkout-${item.sku}-${i}`,
          lines: [{ sku: item.sku, quantity: 1 }],
        })),
    );
    const won = results.filter((result) => result.ok);
    const lost = results.filter((result) => !result.ok);
    assert.equal(won.length, 10);
    assert.equal(lost.length, 40);
    for (const result of lost) {
      assert.ok(!result.ok);
      assert.deepEqual([result.status, result.problem.code], [409, "INSUFFICIENT_STOCK"]);
    }
    const after = await itemOf(platform, item.sku);
    assert.deepEqual([after.onHand, after.reserved, after.available], [10, 10, 0]);

    // Selling them all takes on hand to exactly 0, never below.
    await Promise.all(won.map((result) => {
      assert.ok(result.ok);
      return inventory.commit(result.reservation.id, "buyer");
    }));
    const sold = await itemOf(platform, item.sku);
    assert.deepEqual([sold.onHand, sold.reserved, sold.available], [0, 0, 0]);
  });

  await t.step("mixed quantities and a concurrent stocktake never oversell", async () => {
    const item = await stockedProduct(platform, admin, { stock: 10 });
    const adjustments = Array.from({ length: 5 }, () =>
      platform.request(
        `/v1/inventory/items/${item.sku}/adjustments`,
        jsonRequest("POST", { delta: -2, reason: "stocktake" }, admin),
      ));
    const reserves = Array.from({ length: 50 }, (_, i) =>
      inventory.reserve({
        reservationId: `mixed-${item.sku}-${i}`,
        lines: [{ sku: item.sku, quantity: 1 + (i % 3) }],
      }));
    const [adjusted, reserved] = await Promise.all([
      Promise.all(adjustments),
      Promise.all(reserves),
    ]);
    const removed = adjusted.filter((response) => response.status === 201).length * 2;
    for (const response of adjusted) assert.ok([201, 409].includes(response.status));
    await Promise.all(adjusted.map((response) => response.body?.cancel()));
    const held = reserved.reduce(
      (sum, result) => sum + (result.ok ? result.reservation.lines[0].quantity : 0),
      0,
    );
    const after = await itemOf(platform, item.sku);
    assert.equal(after.onHand, 10 - removed);
    assert.equal(after.reserved, held);
    assert.ok(after.available >= 0);
    assert.ok(held <= 10 - removed);
  });

  await t.step("the availability check is never behind a finished change", async () => {
    const item = await stockedProduct(platform, admin, { stock: 30 });
    // Readers keep asking meanwhile, so any cached answer is as warm as it gets.
    let reading = true;
    const readers = Array.from({ length: 4 }, async () => {
      while (reading) {
        await itemOf(platform, item.sku);
        // A cached answer involves no I/O: yield, as requests arriving over a network would.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    });
    try {
      for (let i = 1; i <= 15; i++) {
        const [reserved] = await Promise.all([
          inventory.reserve({
            reservationId: `fresh-${item.sku}-${i}`,
            lines: [{ sku: item.sku, quantity: 1 }],
          }),
          itemOf(platform, item.sku),
        ]);
        assert.ok(reserved.ok);
        const counted = Math.floor((i - 1) / 5); // stocktakes so far, one unit each
        assert.equal((await itemOf(platform, item.sku)).available, 30 - i - counted);
        if (i % 5 === 0) {
          await expectJson(
            await platform.request(
              `/v1/inventory/items/${item.sku}/adjustments`,
              jsonRequest("POST", { delta: -1, reason: "count" }, admin),
            ),
            201,
          );
          assert.equal((await itemOf(platform, item.sku)).onHand, 30 - i / 5);
        }
      }
    } finally {
      reading = false;
      await Promise.all(readers);
    }
  });

  await t.step("the ledger sums to every item's levels", async () => {
    assert.deepEqual(await ledgerMismatches(platform), []);
  });

  await t.step("the metrics count them", async () => {
    const response = await internalRequest(platform, "/internal/metrics");
    const text = await response.text();
    assert.equal(response.status, 200);
    const value = (series: string) => {
      const line = text.split("\n").find((row) => row.startsWith(series + " "));
      return line === undefined ? undefined : Number(line.split(" ").at(-1));
    };
    assert.ok(
      (value('fitconnect_reservations_total{result="created",worker="inventory"}') ?? 0) >= 10,
    );
    assert.ok(
      (value('fitconnect_reservations_total{result="rejected",worker="inventory"}') ?? 0) >= 40,
    );
    assert.equal(value('fitconnect_reservations_total{result="committed",worker="inventory"}'), 10);
    assert.ok(
      (value('fitconnect_stock_movements_total{kind="sale",worker="inventory"}') ?? 0) >= 10,
    );
    assert.equal(
      value('fitconnect_stock_available{sku="SUP-WHEY-VANILLA-1KG",worker="inventory"}'),
      40,
    );
    // Equipment is not a stock level anyone buys from: no series for it.
    assert.ok(!text.includes('sku="EQ-TREADMILL"'));
  });
});

platformTest("[inventory] the binding is the only way in for reservations", async (t, open) => {
  const platform = await open();
  await t.step("a binding with the wrong secret gets 404", async () => {
    const wrong = inProcessBinding(() => platform.workers.inventory, {
      internalSecret: "x".repeat(40),
    });
    const response = await wrong.fetch(
      new Request("http://inventory/internal/inventory/reservations", jsonRequest("POST", {})),
    );
    assert.equal(response.status, 404);
    await response.body?.cancel();
  });
  await t.step("expire with nothing due expires nothing", async () => {
    const response = await internalRequest(platform, "/internal/inventory/reservations/expire", {
      method: "POST",
    });
    assert.deepEqual(await expectJson(response, 200), { expired: 0 });
  });
});
