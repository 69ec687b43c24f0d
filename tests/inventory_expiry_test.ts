/**
 * The Inventory section of the contract, part 5: reservations expire
 * (default 15 minutes) and release their stock — with a controlled clock
 * (the platform's `now`), through the sweep route and the sweeper timer.
 */
import assert from "node:assert/strict";
import { inProcessBinding } from "../shared/bindings/service_binding.ts";
import { createLogger, memorySink } from "../shared/logging/logger.ts";
import { startExpirySweeper, sweepExpiredReservations } from "../workers/inventory/mod.ts";
import {
  adminToken,
  inventoryClientOf,
  itemOf,
  type MovementBody,
  type Page,
  stockedProduct,
} from "../workers/inventory/testing.ts";
import { expectJson } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { platformTest } from "./support/platform.ts";

const minute = 60_000;

platformTest("[inventory] reservations expire with the clock", async (t, open) => {
  let clock = new Date("2026-06-01T10:00:00.000Z");
  const platform = await open({ now: () => clock });
  const advance = (ms: number) => clock = new Date(clock.getTime() + ms);
  const admin = await adminToken(platform);
  const inventory = inventoryClientOf(platform);
  const binding = inProcessBinding(() => platform.workers.inventory, {
    internalSecret: platform.internalSecret,
  });
  const item = await stockedProduct(platform, admin, { stock: 5 });
  const levels = async () => {
    const now = await itemOf(platform, item.sku);
    return [now.onHand, now.reserved, now.available];
  };
  const reserve = async (id: string, quantity: number, expiresInSeconds?: number) => {
    const result = await inventory.reserve({
      reservationId: id,
      lines: [{ sku: item.sku, quantity }],
      expiresInSeconds,
    });
    assert.ok(result.ok, JSON.stringify(result));
    return result.reservation;
  };

  await t.step("a reservation expires 15 minutes after it is made by default", async () => {
    const reservation = await reserve("e1", 2);
    assert.equal(reservation.expiresAt, "2026-06-01T10:15:00.000Z");
    assert.equal(reservation.createdAt, "2026-06-01T10:00:00.000Z");
  });

  await t.step("before its expiry the sweep leaves it alone", async () => {
    advance(14 * minute + 59_000);
    assert.equal(await sweepExpiredReservations(binding), 0);
    assert.deepEqual(await levels(), [5, 2, 3]);
  });

  await t.step("past its expiry, until swept, its stock stays reserved", async () => {
    advance(1_000); // exactly 10:15
    assert.deepEqual(await levels(), [5, 2, 3]);
    const result = await inventory.get("e1");
    assert.ok(result.ok);
    assert.equal(result.reservation.status, "active");
  });

  await t.step("the sweep releases it with an expiry movement", async () => {
    await reserve("e2", 1, 3600); // not due for an hour
    assert.equal(await sweepExpiredReservations(binding), 1);
    assert.deepEqual(await levels(), [5, 1, 4]);
    const expired = await inventory.get("e1");
    assert.ok(expired.ok);
    assert.equal(expired.reservation.status, "expired");
    const page = await expectJson<Page<MovementBody>>(
      await platform.request(`/v1/inventory/items/${item.sku}/movements`, {
        headers: bearer(await adminToken(platform)),
      }),
      200,
    );
    const expiry = page.items.find((movement) => movement.kind === "expiry")!;
    assert.deepEqual(
      [expiry.deltaOnHand, expiry.deltaReserved, expiry.actor, expiry.reservationId],
      [0, -2, "system", "e1"],
    );
    assert.equal(expiry.createdAt, "2026-06-01T10:15:00.000Z");
    assert.equal(await sweepExpiredReservations(binding), 0);
  });

  await t.step("releasing an expired reservation is a harmless no-op", async () => {
    const result = await inventory.release("e1", "buyer");
    assert.ok(result.ok);
    assert.equal(result.reservation.status, "expired");
    assert.deepEqual(await levels(), [5, 1, 4]);
  });

  await t.step("a payment that lands after expiry takes the stock again", async () => {
    const result = await inventory.commit("e1", "buyer");
    assert.ok(result.ok);
    assert.equal(result.reservation.status, "committed");
    assert.deepEqual(await levels(), [3, 1, 2]);
  });

  await t.step(
    "…unless it is gone: 409 INSUFFICIENT_STOCK, the reservation stays expired",
    async () => {
      await reserve("e3", 2, 60);
      advance(2 * minute);
      assert.equal(await sweepExpiredReservations(binding), 1);
      await reserve("e4", 2); // takes what e3 gave back
      const result = await inventory.commit("e3", "buyer");
      assert.ok(!result.ok);
      assert.deepEqual([result.status, result.problem.code], [409, "INSUFFICIENT_STOCK"]);
      const e3 = await inventory.get("e3");
      assert.ok(e3.ok);
      assert.equal(e3.reservation.status, "expired");
      assert.deepEqual(await levels(), [3, 3, 0]);
    },
  );

  await t.step(
    "a reservation paid after its expiry but before the sweep sells what it holds",
    async () => {
      advance(20 * minute); // e4 is past due, not swept
      const result = await inventory.commit("e4", "buyer");
      assert.ok(result.ok);
      assert.equal(result.reservation.status, "committed");
      assert.deepEqual(await levels(), [1, 1, 0]);
    },
  );

  await t.step("the sweeper timer releases what is due", async () => {
    advance(60 * minute); // e2 is due
    const stop = startExpirySweeper(binding, {
      intervalMs: 10,
      log: createLogger({ level: "debug", sink: memorySink() }),
    });
    try {
      const deadline = Date.now() + 10_000;
      while ((await levels())[1] !== 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      stop();
    }
    assert.deepEqual(await levels(), [1, 0, 1]);
    const e2 = await inventory.get("e2");
    assert.ok(e2.ok);
    assert.equal(e2.reservation.status, "expired");
  });
});
