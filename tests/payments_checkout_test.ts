/**
 * Buying through the public API on the embedded platform: checkout reserves
 * stock through the real inventory worker, the offline provider confirms as
 * Stripe's test mode and delivers its signed webhook to `/webhooks/stripe`,
 * which sells the stock and grants the membership.
 */
import assert from "node:assert/strict";
import { eventually, expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest } from "./support/platform.ts";
import {
  checkout,
  confirm,
  created,
  levels,
  membership,
  type PaymentBody,
  type PlanBody,
  product,
  settled,
} from "../workers/payments/testing.ts";

platformTest("[payments] plans, checkout and confirmation", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const token = member.accessToken;

  await t.step("GET /v1/plans lists the seeded plans to anyone", async () => {
    const { items } = await expectJson<{ items: PlanBody[] }>(
      await platform.request("/v1/plans"),
      200,
    );
    assert.deepEqual(items, [
      {
        id: "monthly",
        name: "Monthly membership",
        interval: "month",
        priceCents: 2900,
        currency: "EUR",
      },
      {
        id: "yearly",
        name: "Yearly membership",
        interval: "year",
        priceCents: 29000,
        currency: "EUR",
      },
    ]);
  });

  await t.step(
    "buying a plan and a product with pm_card_visa sells the stock and grants the membership",
    async () => {
      const sku = await product(platform, { priceCents: 1250, onHand: 10 });
      assert.deepEqual((await membership(platform, token)).active, false);
      const response = await checkout(platform, token, {
        items: [{ sku, quantity: 2 }],
        planId: "monthly",
      });
      const body = await expectJson<PaymentBody>(response, 201);
      assert.equal(response.headers.get("location"), `/v1/payments/${body.id}`);
      assert.equal(body.status, "requires_confirmation");
      assert.equal(body.amountCents, 2 * 1250 + 2900);
      assert.equal(body.currency, "EUR");
      assert.equal(body.planId, "monthly");
      assert.match(body.clientSecret, /^pi_[A-Za-z0-9]+_secret_/);
      assert.equal(body.items[0].sku, sku);
      assert.equal(body.items[0].unitPriceCents, 1250);
      assert.deepEqual(await levels(platform, sku), {
        ...await levels(platform, sku),
        onHand: 10,
        reserved: 2,
        available: 8,
      });

      const confirmed = await expectJson<{ id: string; status: string }>(
        await confirm(platform, token, body.id, "pm_card_visa"),
        200,
      );
      assert.equal(confirmed.id, body.id);
      assert.ok(["processing", "succeeded"].includes(confirmed.status), confirmed.status);

      await settled(platform, token, body.id, "succeeded");
      const after = await levels(platform, sku);
      assert.equal(after.onHand, 8);
      assert.equal(after.reserved, 0);
      assert.equal(after.available, 8);
      const active = await membership(platform, token);
      assert.equal(active.active, true);
      assert.equal(active.planId, "monthly");
      const end = Date.parse(active.currentPeriodEnd!);
      assert.ok(end > Date.now() + 27 * 86_400_000 && end < Date.now() + 32 * 86_400_000);
    },
  );

  await t.step("a second plan extends the membership from its end", async () => {
    const before = await membership(platform, token);
    const paid = await created(platform, token, { planId: "yearly" });
    assert.equal(paid.amountCents, 29000);
    assert.deepEqual(paid.items, []);
    await expectJson(await confirm(platform, token, paid.id, "pm_card_visa"), 200);
    await settled(platform, token, paid.id, "succeeded");
    const after = await membership(platform, token);
    assert.equal(after.planId, "yearly");
    const from = new Date(before.currentPeriodEnd!);
    from.setUTCFullYear(from.getUTCFullYear() + 1);
    assert.equal(after.currentPeriodEnd, from.toISOString());
  });

  await t.step("a declined card releases the reservation and fails the payment", async () => {
    const sku = await product(platform, { priceCents: 500, onHand: 3 });
    const paid = await created(platform, token, { items: [{ sku, quantity: 3 }] });
    assert.equal((await levels(platform, sku)).available, 0);
    const declined = await expectJson<{ status: string }>(
      await confirm(platform, token, paid.id, "pm_card_chargeDeclined"),
      200,
    );
    assert.equal(declined.status, "failed");
    const failed = await settled(platform, token, paid.id, "failed");
    assert.equal(failed.failureReason, "card_declined");
    const after = await eventually(
      "the stock to come back",
      () => levels(platform, sku),
      (l) => l.available === 3,
    );
    assert.equal(after.reserved, 0);
    assert.equal(after.onHand, 3);
  });

  await t.step("an unknown payment method is 422 and changes nothing", async () => {
    const sku = await product(platform, { priceCents: 700, onHand: 2 });
    const paid = await created(platform, token, { items: [{ sku, quantity: 1 }] });
    await expectProblem(
      await confirm(platform, token, paid.id, "pm_card_nonsense"),
      422,
      "UNKNOWN_PAYMENT_METHOD",
    );
    const body = await expectJson<PaymentBody>(
      await platform.request(`/v1/payments/${paid.id}`, { headers: bearer(token) }),
      200,
    );
    assert.equal(body.status, "requires_confirmation");
    assert.equal((await levels(platform, sku)).reserved, 1);
    // The payment can still be paid with a real method.
    await expectJson(await confirm(platform, token, paid.id, "pm_card_visa"), 200);
    await settled(platform, token, paid.id, "succeeded");
  });

  await t.step("a confirmed payment cannot be confirmed again", async () => {
    const paid = await created(platform, token, { planId: "monthly" });
    await expectJson(await confirm(platform, token, paid.id, "pm_card_visa"), 200);
    await expectProblem(
      await confirm(platform, token, paid.id, "pm_card_visa"),
      409,
      "PAYMENT_NOT_CONFIRMABLE",
    );
  });
});
