/**
 * `POST /webhooks/stripe` through the public gateway: signatures checked on
 * the raw body with the SDK's own code (valid, invalid, expired, tampered),
 * events handled once per id, and outcomes that arrive out of order.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { eventually, expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import {
  admin,
  confirm,
  created,
  deliver,
  intentIdOf,
  intentObject,
  levels,
  membership,
  payment,
  product,
  settled,
  signWebhook,
  stripeEvent,
} from "../workers/payments/testing.ts";

const secret = `whsec_${"test-secret-".repeat(3)}`;

async function outboxCount(platform: TestPlatform, type: string, paymentId: string) {
  const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
    sql`select count(*)::int as n from payments.outbox
        where type = ${type} and payload->>'paymentId' = ${paymentId}`,
  );
  return rows[0].n;
}

platformTest("[payments] POST /webhooks/stripe signatures", async (t, open) => {
  const platform = await open({ payments: { webhookSecret: secret } });
  const member = await signUp(platform);
  const sku = await product(platform, { priceCents: 1500, onHand: 5 });
  const paid = await created(platform, member.accessToken, { items: [{ sku, quantity: 1 }] });
  const intentId = await intentIdOf(platform, paid.id);
  const succeeded = stripeEvent("payment_intent.succeeded", intentObject(intentId, "succeeded"));

  await t.step(
    "a missing, invalid, expired or tampered signature is 401 and changes nothing",
    async () => {
      await expectProblem(
        await platform.request("/webhooks/stripe", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: succeeded,
        }),
        401,
        "INVALID_SIGNATURE",
      );
      await expectProblem(
        await deliver(platform, succeeded, "whsec_another-endpoints-secret"),
        401,
        "INVALID_SIGNATURE",
      );
      await expectProblem(
        await deliver(platform, succeeded, secret, { signature: "t=1,v1=deadbeef" }),
        401,
        "INVALID_SIGNATURE",
      );
      // Stripe's tolerance is 300 s: a signature from 301 s ago is a replay.
      await expectProblem(
        await deliver(platform, succeeded, secret, { at: new Date(Date.now() - 301_000) }),
        401,
        "INVALID_SIGNATURE",
      );
      const signature = await signWebhook(succeeded, secret, new Date());
      const tampered = succeeded.replace('"succeeded"', '"succeeded" ');
      await expectProblem(
        await deliver(platform, tampered, secret, { signature }),
        401,
        "INVALID_SIGNATURE",
      );
      assert.equal(
        (await payment(platform, member.accessToken, paid.id)).status,
        "requires_confirmation",
      );
      assert.equal((await levels(platform, sku)).reserved, 1);
    },
  );

  await t.step("a valid one (299 s old, through the gateway's raw body) is handled", async () => {
    const response = await deliver(platform, succeeded, secret, {
      at: new Date(Date.now() - 299_000),
    });
    assert.deepEqual(await expectJson(response, 200), { received: true, result: "processed" });
    assert.equal((await payment(platform, member.accessToken, paid.id)).status, "succeeded");
    const after = await levels(platform, sku);
    assert.equal(after.onHand, 4);
    assert.equal(after.reserved, 0);
  });

  await t.step("the same event again is a duplicate: 200, no second effect", async () => {
    const response = await deliver(platform, succeeded, secret);
    assert.deepEqual(await expectJson(response, 200), { received: true, result: "duplicate" });
    assert.equal(await outboxCount(platform, "PaymentSucceeded", paid.id), 1);
    assert.equal((await levels(platform, sku)).onHand, 4);
  });

  await t.step("bytes the gateway must keep: spacing and non-ASCII text in the body", async () => {
    const body = JSON.stringify(
      JSON.parse(stripeEvent("customer.created", {
        id: "cus_1",
        object: "customer",
        name: "Zoë Ångström — 東京",
      })),
      null,
      2,
    );
    assert.deepEqual(await expectJson(await deliver(platform, body, secret), 200), {
      received: true,
      result: "ignored",
    });
  });
});

platformTest("[payments] webhooks out of order", async (t, open) => {
  const platform = await open({ payments: { webhookSecret: secret } });
  const member = await signUp(platform);
  const token = member.accessToken;
  const send = async (type: string, object: Record<string, unknown>) =>
    await expectJson<{ result: string }>(
      await deliver(platform, stripeEvent(type, object), secret),
      200,
    );

  await t.step("a failure after the success changes nothing", async () => {
    const sku = await product(platform, { priceCents: 800, onHand: 2 });
    const paid = await created(platform, token, { items: [{ sku, quantity: 2 }] });
    const intent = await intentIdOf(platform, paid.id);
    assert.equal(
      (await send("payment_intent.succeeded", intentObject(intent, "succeeded"))).result,
      "processed",
    );
    const late = await send(
      "payment_intent.payment_failed",
      intentObject(intent, "requires_payment_method", {
        last_payment_error: { code: "card_declined", decline_code: "card_declined" },
      }),
    );
    assert.equal(late.result, "ignored");
    assert.equal((await payment(platform, token, paid.id)).status, "succeeded");
    assert.equal((await levels(platform, sku)).onHand, 0);
    assert.equal(await outboxCount(platform, "PaymentFailed", paid.id), 0);
  });

  await t.step("a refund before the success is ignored; after it, it counts", async () => {
    const paid = await created(platform, token, { planId: "monthly" });
    const intent = await intentIdOf(platform, paid.id);
    const charge = {
      id: "ch_1",
      object: "charge",
      refunded: true,
      payment_intent: intent,
      amount: 2900,
      amount_refunded: 2900,
    };
    assert.equal((await send("charge.refunded", charge)).result, "ignored");
    assert.equal((await payment(platform, token, paid.id)).status, "requires_confirmation");
    assert.equal(
      (await send("payment_intent.succeeded", intentObject(intent, "succeeded"))).result,
      "processed",
    );
    assert.equal((await membership(platform, token)).active, true);
    assert.equal((await send("charge.refunded", charge)).result, "processed");
    assert.equal((await payment(platform, token, paid.id)).status, "refunded");
    assert.equal(await outboxCount(platform, "PaymentRefunded", paid.id), 1);
    // The refund took the month back.
    assert.equal((await membership(platform, token)).active, false);
  });

  await t.step("a success after a failure is honoured (the stock is taken again)", async () => {
    const sku = await product(platform, { priceCents: 300, onHand: 1 });
    const paid = await created(platform, token, { items: [{ sku, quantity: 1 }] });
    const intent = await intentIdOf(platform, paid.id);
    await send(
      "payment_intent.payment_failed",
      intentObject(intent, "requires_payment_method", {
        last_payment_error: { code: "card_declined", decline_code: "insufficient_funds" },
      }),
    );
    const failed = await payment(platform, token, paid.id);
    assert.equal(failed.status, "failed");
    assert.equal(failed.failureReason, "insufficient_funds");
    assert.equal((await levels(platform, sku)).available, 1);
    await send("payment_intent.succeeded", intentObject(intent, "succeeded"));
    const later = await payment(platform, token, paid.id);
    assert.equal(later.status, "succeeded");
    assert.equal(later.failureReason, null);
    assert.equal((await levels(platform, sku)).onHand, 0);
  });

  await t.step("events about intents that are not ours are acknowledged and ignored", async () => {
    const other = await send("payment_intent.succeeded", intentObject("pi_unknown", "succeeded"));
    assert.equal(other.result, "ignored");
  });

  await t.step(
    "paid after the stock was sold elsewhere: refunded at once, failed out_of_stock",
    async () => {
      const sku = await product(platform, { priceCents: 4200, onHand: 1 });
      const late = await created(platform, token, { items: [{ sku, quantity: 1 }] });
      // The reservation lapses (as if it expired) and someone else buys the unit.
      const released = await platform.workers.inventory.fetch(
        new Request(
          `http://inventory.internal/internal/inventory/reservations/${late.id}/release`,
          {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-fitconnect-internal": platform.internalSecret,
            },
            body: JSON.stringify({ actor: "test" }),
          },
        ),
      );
      assert.equal(released.status, 200, await released.text());
      const rival = await signUp(platform);
      const won = await created(platform, rival.accessToken, { items: [{ sku, quantity: 1 }] });
      await expectJson(await confirm(platform, rival.accessToken, won.id, "pm_card_visa"), 200);
      await settled(platform, rival.accessToken, won.id, "succeeded");

      await expectJson(await confirm(platform, token, late.id, "pm_card_visa"), 200);
      const failed = await settled(platform, token, late.id, "failed");
      assert.equal(failed.failureReason, "out_of_stock");
      assert.equal((await levels(platform, sku)).onHand, 0);
      assert.equal(await outboxCount(platform, "PaymentFailed", late.id), 1);
      assert.equal(await outboxCount(platform, "PaymentSucceeded", late.id), 0);
      // The money went back: the provider's charge.refunded arrives and changes nothing more.
      await eventually(
        "the refund's webhook",
        async () => {
          const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
            sql`select count(*)::int as n from payments.webhook_events where type = 'charge.refunded'`,
          );
          return rows[0].n;
        },
        (n) => n >= 1,
      );
      assert.equal((await payment(platform, token, late.id)).status, "failed");
    },
  );

  await t.step("admins refund through the provider; the webhook marks it refunded", async () => {
    const paid = await created(platform, token, { planId: "monthly" });
    const adminToken = await admin(platform);
    await expectProblem(
      await platform.request(`/v1/admin/payments/${paid.id}/refund`, {
        method: "POST",
        headers: bearer(adminToken),
      }),
      409,
      "PAYMENT_NOT_REFUNDABLE",
    );
    await expectJson(await confirm(platform, token, paid.id, "pm_card_visa"), 200);
    await settled(platform, token, paid.id, "succeeded");
    await expectProblem(
      await platform.request(`/v1/admin/payments/${paid.id}/refund`, {
        method: "POST",
        headers: bearer(token),
      }),
      403,
      "FORBIDDEN",
    );
    const accepted = await expectJson<{ id: string; refund: { id: string } }>(
      await platform.request(`/v1/admin/payments/${paid.id}/refund`, {
        method: "POST",
        headers: bearer(adminToken),
      }),
      202,
    );
    assert.equal(accepted.id, paid.id);
    assert.match(accepted.refund.id, /^re_/);
    await settled(platform, token, paid.id, "refunded");
    assert.equal(await outboxCount(platform, "PaymentRefunded", paid.id), 1);
    await expectProblem(
      await platform.request("/v1/admin/payments/pay_doesnotexist/refund", {
        method: "POST",
        headers: bearer(adminToken),
      }),
      404,
      "PAYMENT_NOT_FOUND",
    );
  });
});
