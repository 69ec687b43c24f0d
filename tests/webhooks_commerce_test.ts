/**
 * Commerce events as webhooks, through the real shop: a member's purchase
 * of a plan and products arrives as `payment.succeeded` and
 * `membership.changed`, its refund as `payment.refunded` and a shortened
 * membership; the stock it sold crosses the low threshold, which reaches
 * the admin's `stock.low` subscription and nobody else's.
 */
import assert from "node:assert/strict";
import { eventually, expectJson } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../workers/webhooks/testing.ts";
import { signUp } from "./support/identity.ts";
import { platformTest } from "./support/platform.ts";

platformTest("[webhooks] commerce events reach their subscribers", async (t, open) => {
  const platform = await open({ webhooks: { allowLoopback: true } });
  const receivers: WebhookReceiver[] = [];
  try {
    const hooksFor = async (token: string, events: string[]) => {
      const receiver = startWebhookReceiver();
      receivers.push(receiver);
      const created = await expectJson<{ secret: string }>(
        await platform.request(
          "/v1/webhooks",
          postJson({ url: receiver.url, events }, bearer(token)),
        ),
        201,
      );
      receiver.trust(created.secret);
      return receiver;
    };
    const types = (receiver: WebhookReceiver) =>
      receiver.received.filter((w) => w.verifiedWith.length > 0).map((w) => w.envelope.type);

    const email = `admin-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const password = "correct horse battery staple";
    await platform.ensureAdmin({ email, password });
    const admin = await expectJson<{ accessToken: string }>(
      await platform.request("/v1/auth/login", postJson({ email, password })),
      200,
    );
    const buyer = await signUp(platform);
    const bystander = await signUp(platform);

    const adminHooks = await hooksFor(admin.accessToken, ["stock.low"]);
    const buyerHooks = await hooksFor(buyer.accessToken, [
      "payment.succeeded",
      "payment.refunded",
      "membership.changed",
    ]);
    const bystanderHooks = await hooksFor(bystander.accessToken, [
      "payment.succeeded",
      "membership.changed",
    ]);

    const sku = `HOOK-${crypto.randomUUID().slice(0, 6).toUpperCase()}`;
    const asAdmin = bearer(admin.accessToken);
    await expectJson(
      await platform.request(
        "/v1/inventory/items",
        postJson({
          sku,
          name: "Webhook bands",
          type: "product",
          priceCents: 1500,
          currency: "EUR",
          lowStockThreshold: 2,
        }, asAdmin),
      ),
      201,
    );
    await expectJson(
      await platform.request(
        `/v1/inventory/items/${sku}/adjustments`,
        postJson({ delta: 5, reason: "restock" }, asAdmin),
      ),
      201,
    );

    let paymentId = "";
    await t.step("a purchase: payment.succeeded and membership.changed", async () => {
      const checkout = await expectJson<{ id: string }>(
        await platform.request(
          "/v1/payments",
          postJson(
            { items: [{ sku, quantity: 4 }], planId: "monthly" },
            bearer(buyer.accessToken, { "idempotency-key": `hooks-${sku}` }),
          ),
        ),
        201,
      );
      paymentId = checkout.id;
      await expectJson(
        await platform.request(
          `/v1/payments/${paymentId}/confirm`,
          postJson({ paymentMethod: "pm_card_visa" }, bearer(buyer.accessToken)),
        ),
        200,
      );
      await eventually(
        "payment.succeeded and membership.changed",
        () => Promise.resolve(types(buyerHooks)),
        (seen) => seen.includes("payment.succeeded") && seen.includes("membership.changed"),
        20_000,
      );
      const paid = buyerHooks.received.find((w) => w.envelope.type === "payment.succeeded")!;
      assert.deepEqual(paid.envelope.data, {
        paymentId,
        amountCents: paid.envelope.data.amountCents,
        currency: "EUR",
        planId: "monthly",
        items: [{ sku, quantity: 4, unitPriceCents: 1500 }],
        succeededAt: paid.envelope.data.succeededAt,
      });
      const membership = buyerHooks.received.find((w) => w.envelope.type === "membership.changed")!;
      assert.equal(membership.envelope.data.active, true);
      assert.equal(membership.envelope.data.reason, "purchased");
      assert.equal(membership.envelope.data.planId, "monthly");
    });

    await t.step("the stock it sold reaches the admin's stock.low", async () => {
      await eventually(
        "stock.low",
        () => Promise.resolve(types(adminHooks)),
        (seen) => seen.includes("stock.low"),
        20_000,
      );
      const low = adminHooks.received.find((w) => w.envelope.type === "stock.low")!;
      assert.equal(low.envelope.data.sku, sku);
      assert.equal(low.envelope.data.threshold, 2);
    });

    await t.step("a refund: payment.refunded and a shortened membership", async () => {
      const refund = await platform.request(
        `/v1/admin/payments/${paymentId}/refund`,
        { method: "POST", headers: asAdmin },
      );
      assert.equal(refund.status, 202);
      await refund.body?.cancel();
      await eventually(
        "payment.refunded and a second membership.changed",
        () => Promise.resolve(types(buyerHooks)),
        (seen) =>
          seen.includes("payment.refunded") &&
          seen.filter((type) => type === "membership.changed").length === 2,
        20_000,
      );
      const changes = buyerHooks.received.filter((w) => w.envelope.type === "membership.changed");
      assert.ok(changes.some((w) => w.envelope.data.reason === "refunded"));
    });

    await t.step("nobody hears another member's or the gym's events", () => {
      assert.deepEqual(bystanderHooks.received, []);
      assert.ok(types(adminHooks).every((type) => type === "stock.low"));
    });
  } finally {
    await Promise.all(receivers.map((receiver) => receiver.close()));
  }
});
