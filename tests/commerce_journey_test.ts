/**
 * The purchase story of the README, end to end through the public API and
 * the real backbone (outboxes → queue → consumers), on both store variants:
 * a member buys a membership and the product's stock down to its threshold;
 * the stock drops, the membership starts, the member is told, every admin is
 * told the stock is low, and the revenue shows in the admin overview.
 */
import assert from "node:assert/strict";
import { eventually, expectJson } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import {
  admin,
  confirm,
  created,
  levels,
  membership,
  settled,
} from "../workers/payments/testing.ts";

interface Inbox {
  items: { type: string; data: Record<string, unknown> }[];
}

function inbox(platform: TestPlatform, token: string) {
  return async () =>
    await expectJson<Inbox>(
      await platform.request("/v1/notifications", { headers: bearer(token) }),
      200,
    );
}

platformTest("[commerce] a purchase, from checkout to revenue", async (t, open) => {
  const platform = await open();
  const adminToken = await admin(platform);
  const member = await signUp(platform);
  const token = member.accessToken;
  // Seeded: 30 on hand, threshold 6, €24.99.
  const sku = "SUP-CREATINE-500G";
  const before = await levels(platform, sku);

  const paid = await created(platform, token, {
    items: [{ sku, quantity: before.available - 6 }],
    planId: "monthly",
  });
  assert.equal(paid.amountCents, (before.available - 6) * 2499 + 2900);
  assert.equal((await confirm(platform, token, paid.id, "pm_card_visa")).status, 200);
  await settled(platform, token, paid.id, "succeeded");

  await t.step("the stock is sold and the membership active", async () => {
    const after = await levels(platform, sku);
    assert.deepEqual(after, {
      ...after,
      onHand: before.onHand - (before.available - 6),
      reserved: 0,
      available: 6,
    });
    const current = await membership(platform, token);
    assert.equal(current.active, true);
    assert.equal(current.planId, "monthly");
  });

  await t.step("the member is told the payment went through", async () => {
    const { items } = await eventually(
      "payment_succeeded",
      inbox(platform, token),
      (box) => box.items.some((item) => item.type === "payment_succeeded"),
    );
    const note = items.find((item) => item.type === "payment_succeeded")!;
    assert.equal(note.data.paymentId, paid.id);
    assert.ok(!items.some((item) => item.type === "low_stock"), "members hear nothing of stock");
  });

  await t.step("every admin is told the stock is low", async () => {
    const { items } = await eventually(
      "low_stock",
      inbox(platform, adminToken),
      (box) => box.items.some((item) => item.type === "low_stock"),
    );
    const low = items.filter((item) => item.type === "low_stock");
    assert.equal(low.length, 1);
    assert.equal(low[0].data.sku, sku);
    assert.equal(low[0].data.available, 6);
  });

  await t.step("the revenue is in the admin overview", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const overview = await eventually(
      "the revenue",
      async () =>
        await expectJson<
          { revenueByDay: { date: string; currency: string; amountCents: number }[] }
        >(
          await platform.request("/v1/admin/analytics/overview", {
            headers: bearer(adminToken),
          }),
          200,
        ),
      (body) => body.revenueByDay.some((row) => row.date === today),
    );
    assert.deepEqual(overview.revenueByDay.filter((row) => row.date === today), [
      { date: today, currency: "EUR", amountCents: paid.amountCents },
    ]);
  });
});
