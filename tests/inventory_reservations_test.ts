/**
 * The Inventory section of the contract, part 3: reservations as the
 * payments worker uses them (workers/inventory/client.ts) — all or nothing,
 * idempotent reserve, commit and release — and `StockLow` written once per
 * crossing of an item's threshold.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import type { StockLow } from "../workers/inventory/contracts.ts";
import type { InventoryReservations, Reservation } from "../workers/inventory/client.ts";
import {
  adminToken,
  freshSku,
  internalRequest,
  inventoryClientOf,
  itemOf,
  jsonRequest,
  type MovementBody,
  type Page,
  stockedProduct,
} from "../workers/inventory/testing.ts";
import { expectJson } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

/** The reservation of an accepted call (fails the test on a refusal). */
function accepted(result: Awaited<ReturnType<InventoryReservations["reserve"]>>): Reservation {
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
  return result.reservation;
}

/** The code and status of a refused call (fails the test when it was accepted). */
function refused(result: Awaited<ReturnType<InventoryReservations["reserve"]>>) {
  assert.ok(!result.ok, `expected a refusal, got ${JSON.stringify(result)}`);
  return { status: result.status, code: result.problem.code };
}

async function movementsOf(
  platform: TestPlatform,
  token: string,
  sku: string,
): Promise<MovementBody[]> {
  const page = await expectJson<Page<MovementBody>>(
    await platform.request(`/v1/inventory/items/${sku}/movements?limit=100`, {
      headers: bearer(token),
    }),
    200,
  );
  return page.items;
}

async function stockLowEvents(platform: TestPlatform, sku: string): Promise<StockLow[]> {
  const { rows } = await platform.stores.postgres.db.execute<{ payload: StockLow }>(sql`
    select payload from inventory.outbox
    where type = 'StockLow' and payload ->> 'sku' = ${sku}
    order by created_at, id
  `);
  return rows.map((row) => row.payload);
}

platformTest("[inventory] reserve", async (t, open) => {
  const platform = await open();
  const admin = await adminToken(platform);
  const inventory = inventoryClientOf(platform);
  const shaker = await stockedProduct(platform, admin, { stock: 10, priceCents: 999 });
  const belt = await stockedProduct(platform, admin, { stock: 2, priceCents: 5999 });

  await t.step("reserves every line, priced by inventory: 201", async () => {
    const response = await internalRequest(platform, "/internal/inventory/reservations", {
      ...jsonRequest("POST", {
        reservationId: "pay_1",
        lines: [{ sku: shaker.sku, quantity: 3 }, { sku: belt.sku, quantity: 1 }],
      }),
    });
    const reservation = await expectJson<Reservation>(response, 201);
    assert.equal(reservation.id, "pay_1");
    assert.equal(reservation.status, "active");
    assert.equal(reservation.currency, "EUR");
    assert.deepEqual(reservation.lines, [
      { sku: shaker.sku, name: shaker.name, quantity: 3, unitPriceCents: 999, currency: "EUR" },
      { sku: belt.sku, name: belt.name, quantity: 1, unitPriceCents: 5999, currency: "EUR" },
    ]);
    assert.equal(
      Date.parse(reservation.expiresAt) - Date.parse(reservation.createdAt),
      15 * 60 * 1000,
    );
    const item = await itemOf(platform, shaker.sku);
    assert.deepEqual([item.onHand, item.reserved, item.available], [10, 3, 7]);
    const [movement] = await movementsOf(platform, admin, shaker.sku);
    assert.equal(movement.kind, "reservation");
    assert.equal(movement.deltaReserved, 3);
    assert.equal(movement.deltaOnHand, 0);
    assert.equal(movement.reservationId, "pay_1");
  });

  await t.step("the same id again answers the reservation unchanged: 200", async () => {
    const response = await internalRequest(platform, "/internal/inventory/reservations", {
      ...jsonRequest("POST", { reservationId: "pay_1", lines: [{ sku: belt.sku, quantity: 2 }] }),
    });
    const again = await expectJson<Reservation>(response, 200);
    assert.equal(again.lines.length, 2);
    assert.equal(again.lines[0].quantity, 3);
    assert.equal((await itemOf(platform, shaker.sku)).reserved, 3);
    assert.equal((await itemOf(platform, belt.sku)).reserved, 1);
  });

  await t.step("10 concurrent reserves of one id reserve once", async () => {
    const results = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          inventory.reserve({ reservationId: "pay_2", lines: [{ sku: shaker.sku, quantity: 2 }] }),
      ),
    );
    for (const result of results) assert.equal(accepted(result).lines[0].quantity, 2);
    assert.equal((await itemOf(platform, shaker.sku)).reserved, 5);
  });

  await t.step("all or nothing: one short line reserves nothing", async () => {
    const result = await inventory.reserve({
      reservationId: "pay_3",
      lines: [{ sku: shaker.sku, quantity: 1 }, { sku: belt.sku, quantity: 2 }],
    });
    assert.deepEqual(refused(result), { status: 409, code: "INSUFFICIENT_STOCK" });
    assert.equal((await itemOf(platform, shaker.sku)).reserved, 5);
    assert.equal((await itemOf(platform, belt.sku)).reserved, 1);
    assert.deepEqual(refused(await inventory.get("pay_3")), {
      status: 404,
      code: "RESERVATION_NOT_FOUND",
    });
    // The id was not used up: it reserves once there is stock.
    accepted(
      await inventory.reserve({ reservationId: "pay_3", lines: [{ sku: belt.sku, quantity: 1 }] }),
    );
    assert.equal((await itemOf(platform, belt.sku)).available, 0);
  });

  await t.step("lines of one SKU are merged", async () => {
    const reservation = accepted(
      await inventory.reserve({
        reservationId: "pay_4",
        lines: [{ sku: shaker.sku, quantity: 1 }, { sku: shaker.sku, quantity: 1 }],
      }),
    );
    assert.deepEqual(reservation.lines.map((line) => line.quantity), [2]);
    assert.equal((await itemOf(platform, shaker.sku)).reserved, 7);
  });

  await t.step("refusals the contract names, none of which reserves anything", async () => {
    const usd = await stockedProduct(platform, admin, { stock: 5, currency: "USD" });
    const retired = await stockedProduct(platform, admin, { stock: 5 });
    await expectJson(
      await platform.request(
        `/v1/inventory/items/${retired.sku}`,
        jsonRequest("PATCH", { status: "retired" }, admin),
      ),
      200,
    );
    const cases: [{ sku: string; quantity: number }[], number, string][] = [
      [[{ sku: "NOPE-NOPE", quantity: 1 }], 404, "ITEM_NOT_FOUND"],
      [
        [{ sku: shaker.sku, quantity: 1 }, { sku: "NOPE-NOPE", quantity: 1 }],
        404,
        "ITEM_NOT_FOUND",
      ],
      [[{ sku: "EQ-TREADMILL", quantity: 1 }], 422, "ITEM_NOT_FOR_SALE"],
      [[{ sku: retired.sku, quantity: 1 }], 422, "ITEM_NOT_FOR_SALE"],
      [[{ sku: shaker.sku, quantity: 1 }, { sku: usd.sku, quantity: 1 }], 422, "MIXED_CURRENCIES"],
      [[{ sku: shaker.sku, quantity: 4 }], 409, "INSUFFICIENT_STOCK"],
      [[{ sku: shaker.sku, quantity: 0 }], 422, "VALIDATION_FAILED"],
      [[{ sku: shaker.sku, quantity: 1.5 }], 422, "VALIDATION_FAILED"],
      [[{ sku: "lower", quantity: 1 }], 422, "VALIDATION_FAILED"],
      [[], 422, "VALIDATION_FAILED"],
    ];
    for (const [lines, status, code] of cases) {
      const result = await inventory.reserve({ reservationId: `bad-${code}-${status}`, lines });
      assert.deepEqual(refused(result), { status, code }, JSON.stringify(lines));
    }
    assert.deepEqual(
      refused(
        await inventory.reserve({
          reservationId: "bad id!",
          lines: [{ sku: shaker.sku, quantity: 1 }],
        }),
      ),
      { status: 422, code: "VALIDATION_FAILED" },
    );
    assert.equal((await itemOf(platform, shaker.sku)).reserved, 7);
    assert.equal((await itemOf(platform, usd.sku)).reserved, 0);
  });

  await t.step(
    "a refusal points at the refused line of the request (errors[].pointer)",
    async () => {
      const usd = await stockedProduct(platform, admin, { stock: 5, currency: "USD" });
      const shakerLine = { sku: shaker.sku, quantity: 1 };
      const cases: [{ sku: string; quantity: number }[], string, string][] = [
        [[shakerLine, { sku: "NOPE-NOPE", quantity: 1 }], "ITEM_NOT_FOUND", "/lines/1/sku"],
        [[shakerLine, { sku: "EQ-TREADMILL", quantity: 1 }], "ITEM_NOT_FOR_SALE", "/lines/1/sku"],
        // Lines of one SKU are merged: the pointer names the first of them.
        [
          [shakerLine, { sku: belt.sku, quantity: 9 }, shakerLine],
          "INSUFFICIENT_STOCK",
          "/lines/1/quantity",
        ],
        [[shakerLine, { sku: usd.sku, quantity: 1 }], "MIXED_CURRENCIES", "/lines"],
      ];
      for (const [lines, code, pointer] of cases) {
        const result = await inventory.reserve({ reservationId: `pointed-${code}`, lines });
        assert.ok(!result.ok, code);
        assert.equal(result.problem.code, code);
        assert.deepEqual(result.problem.errors?.map((error) => error.pointer), [pointer], code);
      }
    },
  );
});

platformTest("[inventory] commit and release", async (t, open) => {
  const platform = await open();
  const admin = await adminToken(platform);
  const inventory = inventoryClientOf(platform);
  const item = await stockedProduct(platform, admin, { stock: 6 });
  const levels = async () => {
    const now = await itemOf(platform, item.sku);
    return [now.onHand, now.reserved, now.available];
  };
  const reserve = (id: string, quantity: number) =>
    inventory.reserve({ reservationId: id, lines: [{ sku: item.sku, quantity }] });

  await t.step("commit sells the held stock, once", async () => {
    accepted(await reserve("r-sold", 2));
    assert.deepEqual(await levels(), [6, 2, 4]);
    const sold = accepted(await inventory.commit("r-sold", "user-1"));
    assert.equal(sold.status, "committed");
    assert.deepEqual(await levels(), [4, 0, 4]);
    const again = accepted(await inventory.commit("r-sold", "user-1"));
    assert.equal(again.status, "committed");
    assert.deepEqual(await levels(), [4, 0, 4]);
    const sales = (await movementsOf(platform, admin, item.sku)).filter((m) => m.kind === "sale");
    assert.equal(sales.length, 1);
    assert.deepEqual([sales[0].deltaOnHand, sales[0].deltaReserved, sales[0].actor], [
      -2,
      -2,
      "user-1",
    ]);
  });

  await t.step("a sold reservation cannot be released: 409 RESERVATION_COMMITTED", async () => {
    const result = await inventory.release("r-sold", "user-1");
    assert.ok(!result.ok);
    assert.deepEqual([result.status, result.problem.code], [409, "RESERVATION_COMMITTED"]);
    assert.deepEqual(await levels(), [4, 0, 4]);
  });

  await t.step("release gives the stock back, once", async () => {
    accepted(await reserve("r-released", 3));
    assert.deepEqual(await levels(), [4, 3, 1]);
    assert.equal(accepted(await inventory.release("r-released", "user-2")).status, "released");
    assert.deepEqual(await levels(), [4, 0, 4]);
    assert.equal(accepted(await inventory.release("r-released", "user-2")).status, "released");
    assert.deepEqual(await levels(), [4, 0, 4]);
  });

  await t.step("concurrent commits and releases of one reservation sell it once", async () => {
    accepted(await reserve("r-race", 1));
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => inventory.commit("r-race", "user-3")),
      ...Array.from({ length: 5 }, () => inventory.release("r-race", "user-3")),
    ]);
    // Every commit succeeds (one sells; after a release one takes the stock again);
    // a release either ran first or finds it sold.
    assert.ok(results.slice(0, 5).every((result) => result.ok));
    for (const result of results.slice(5)) {
      if (!result.ok) assert.equal(result.problem.code, "RESERVATION_COMMITTED");
    }
    assert.equal(accepted(await inventory.get("r-race")).status, "committed");
    assert.deepEqual(await levels(), [3, 0, 3]);
  });

  await t.step("commit after release takes the stock again when it is there", async () => {
    accepted(await reserve("r-late", 2));
    accepted(await inventory.release("r-late", "system"));
    const [onHand] = await levels();
    const sold = accepted(await inventory.commit("r-late", "user-4"));
    assert.equal(sold.status, "committed");
    assert.deepEqual(await levels(), [onHand - 2, 0, onHand - 2]);
  });

  await t.step("…and is 409 INSUFFICIENT_STOCK when it is not", async () => {
    accepted(await reserve("r-too-late", 1));
    accepted(await inventory.release("r-too-late", "system"));
    const [onHand] = await levels();
    accepted(await reserve("r-everything", onHand));
    const result = await inventory.commit("r-too-late", "user-5");
    assert.ok(!result.ok);
    assert.deepEqual([result.status, result.problem.code], [409, "INSUFFICIENT_STOCK"]);
    assert.equal(accepted(await inventory.get("r-too-late")).status, "released");
    assert.deepEqual(await levels(), [onHand, onHand, 0]);
  });

  await t.step("404 RESERVATION_NOT_FOUND for an unknown id", async () => {
    for (const call of [inventory.commit, inventory.release]) {
      const result = await call("never-made", "system");
      assert.ok(!result.ok);
      assert.deepEqual([result.status, result.problem.code], [404, "RESERVATION_NOT_FOUND"]);
    }
  });

  await t.step("422 for a missing actor", async () => {
    const response = await internalRequest(
      platform,
      "/internal/inventory/reservations/r-sold/commit",
      jsonRequest("POST", {}),
    );
    assert.equal(response.status, 422);
  });

  await t.step("the ledger sums to the levels", async () => {
    const movements = await movementsOf(platform, admin, item.sku);
    const [onHand, reserved] = await levels();
    assert.equal(movements.reduce((sum, m) => sum + m.deltaOnHand, 0), onHand);
    assert.equal(movements.reduce((sum, m) => sum + m.deltaReserved, 0), reserved);
  });
});

platformTest("[inventory] StockLow is written once per crossing", async (t, open) => {
  const platform = await open();
  const admin = await adminToken(platform);
  const inventory = inventoryClientOf(platform);
  const item = await stockedProduct(platform, admin, { stock: 5, lowStockThreshold: 3 });
  const reserve = (id: string, quantity: number) =>
    inventory.reserve({ reservationId: id, lines: [{ sku: item.sku, quantity }] });
  const adjust = async (delta: number) =>
    await expectJson(
      await platform.request(
        `/v1/inventory/items/${item.sku}/adjustments`,
        jsonRequest("POST", { delta, reason: "count" }, admin),
      ),
      201,
    );
  const count = async () => (await stockLowEvents(platform, item.sku)).length;

  await t.step("not above the threshold", async () => {
    accepted(await reserve("s1", 1)); // 4 available
    assert.equal(await count(), 0);
  });

  await t.step("on reaching it, with the levels in the payload", async () => {
    accepted(await reserve("s2", 1)); // 3
    assert.deepEqual(await stockLowEvents(platform, item.sku), [
      { sku: item.sku, name: item.name, available: 3, threshold: 3 },
    ]);
  });

  await t.step("not again while it stays low, whatever moves", async () => {
    accepted(await reserve("s3", 1)); // 2
    accepted(await inventory.commit("s1", "u")); // 2 (sold from held stock)
    await adjust(-1); // 1
    assert.equal(await count(), 1);
  });

  await t.step("again after it rose above and fell back (adjustment)", async () => {
    accepted(await inventory.release("s2", "u")); // 2
    accepted(await inventory.release("s3", "u")); // 3
    assert.equal(await count(), 1);
    await adjust(5); // 8
    await adjust(-6); // 2
    assert.equal(await count(), 2);
    assert.equal((await stockLowEvents(platform, item.sku))[1].available, 2);
  });

  await t.step("again on a reservation that crosses it", async () => {
    await adjust(10); // 12
    accepted(await reserve("s4", 10)); // 2
    assert.equal(await count(), 3);
  });

  await t.step("a product with threshold 0 is announced when it sells out", async () => {
    const soldOut = await stockedProduct(platform, admin, { stock: 2 });
    accepted(
      await inventory.reserve({ reservationId: "z1", lines: [{ sku: soldOut.sku, quantity: 1 }] }),
    );
    assert.equal((await stockLowEvents(platform, soldOut.sku)).length, 0);
    accepted(
      await inventory.reserve({ reservationId: "z2", lines: [{ sku: soldOut.sku, quantity: 1 }] }),
    );
    assert.deepEqual(await stockLowEvents(platform, soldOut.sku), [
      { sku: soldOut.sku, name: soldOut.name, available: 0, threshold: 0 },
    ]);
  });

  await t.step("equipment is never announced", async () => {
    const sku = freshSku("EQ");
    await expectJson(
      await platform.request(
        "/v1/inventory/items",
        jsonRequest("POST", {
          sku,
          name: "Sled",
          type: "equipment",
          priceCents: 0,
          currency: "EUR",
          lowStockThreshold: 5,
        }, admin),
      ),
      201,
    );
    await expectJson(
      await platform.request(
        `/v1/inventory/items/${sku}/adjustments`,
        jsonRequest("POST", { delta: 6, reason: "bought" }, admin),
      ),
      201,
    );
    await expectJson(
      await platform.request(
        `/v1/inventory/items/${sku}/adjustments`,
        jsonRequest("POST", { delta: -4, reason: "broken" }, admin),
      ),
      201,
    );
    assert.equal((await stockLowEvents(platform, sku)).length, 0);
  });
});
