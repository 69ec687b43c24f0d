/**
 * The payments worker when its peers fail, after a restart, and when a
 * member closes their account — on real stores, next to the real inventory
 * worker behind a binding the test can cut.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { eventually, expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import {
  type PaymentBody,
  type PaymentsFixture,
  paymentsTest,
} from "../workers/payments/testing.ts";

/** A product with `onHand` units, created through the inventory worker's admin routes. */
async function product(fx: PaymentsFixture, onHand: number): Promise<string> {
  const admin = await fx.adminToken("admin-1");
  const sku = `RES-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
  await expectJson(
    await fx.inventory(
      "/v1/inventory/items",
      postJson(
        { sku, name: "Shaker", type: "product", priceCents: 900, currency: "EUR" },
        bearer(admin),
      ),
    ),
    201,
  );
  await expectJson(
    await fx.inventory(
      `/v1/inventory/items/${sku}/adjustments`,
      postJson({ delta: onHand, reason: "stock" }, bearer(admin)),
    ),
    201,
  );
  return sku;
}

async function levels(fx: PaymentsFixture, sku: string) {
  return await expectJson<{ onHand: number; reserved: number }>(
    await fx.inventory(`/v1/inventory/items/${sku}`),
    200,
  );
}

function checkout(fx: PaymentsFixture, token: string, body: unknown, key: string) {
  return fx.request("/v1/payments", postJson(body, bearer(token, { "idempotency-key": key })));
}

async function statusOf(fx: PaymentsFixture, token: string, id: string) {
  return (await expectJson<PaymentBody>(
    await fx.request(`/v1/payments/${id}`, { headers: bearer(token) }),
    200,
  )).status;
}

/** Buys `planId` with `pm_card_visa` and waits until the webhook settled it. */
async function paidPlan(fx: PaymentsFixture, token: string, planId: string, key: string) {
  const paid = await expectJson<PaymentBody>(await checkout(fx, token, { planId }, key), 201);
  await expectJson(
    await fx.request(
      `/v1/payments/${paid.id}/confirm`,
      postJson({ paymentMethod: "pm_card_visa" }, bearer(token)),
    ),
    200,
  );
  await eventually(
    "the payment to succeed",
    () => statusOf(fx, token, paid.id),
    (s) => s === "succeeded",
  );
  return paid;
}

paymentsTest("[payments] when inventory is down", async (t, fx) => {
  const token = await fx.token("member-1");
  const sku = await product(fx, 5);

  await t.step(
    "checkout is 503 INVENTORY_UNAVAILABLE, leaves nothing, and a retry works",
    async () => {
      const key = crypto.randomUUID();
      const body = { items: [{ sku, quantity: 1 }] };
      fx.inventoryDown(true);
      const refused = await checkout(fx, token, body, key);
      await expectProblem(refused, 503, "INVENTORY_UNAVAILABLE");
      assert.equal(refused.headers.get("retry-after"), "1");
      fx.inventoryDown(false);
      assert.deepEqual(await fx.rows(sql`select id from payments.payments`), []);
      assert.equal((await levels(fx, sku)).reserved, 0);
      const retried = await expectJson<PaymentBody>(await checkout(fx, token, body, key), 201);
      assert.equal(retried.amountCents, 900);
    },
  );

  await t.step("a success that cannot be sold yet is retried until inventory is back", async () => {
    const paid = await expectJson<PaymentBody>(
      await checkout(fx, token, { items: [{ sku, quantity: 2 }] }, crypto.randomUUID()),
      201,
    );
    fx.inventoryDown(true);
    const confirmed = await expectJson<{ status: string }>(
      await fx.request(
        `/v1/payments/${paid.id}/confirm`,
        postJson({ paymentMethod: "pm_card_visa" }, bearer(token)),
      ),
      200,
    );
    assert.equal(confirmed.status, "processing");
    // The webhook answers 503, so the provider keeps the event and tries again.
    await eventually(
      "a refused delivery",
      () =>
        fx.rows<{ attempts: number }>(
          sql`select attempts from payments.offline_events where delivered_at is null`,
        ),
      (rows) => rows.some((row) => row.attempts >= 1),
    );
    assert.equal(await statusOf(fx, token, paid.id), "processing");
    fx.inventoryDown(false);
    await eventually(
      "the retried delivery",
      () => statusOf(fx, token, paid.id),
      (s) => s === "succeeded",
    );
    assert.equal((await levels(fx, sku)).onHand, 3);
  });

  await t.step("pending webhooks survive a restart", async () => {
    const paid = await expectJson<PaymentBody>(
      await checkout(fx, token, { planId: "monthly" }, crypto.randomUUID()),
      201,
    );
    fx.app.stop(); // no more timers: the process "dies" before it delivers
    await expectJson(
      await fx.request(
        `/v1/payments/${paid.id}/confirm`,
        postJson({ paymentMethod: "pm_card_visa" }, bearer(token)),
      ),
      200,
    );
    assert.equal(await statusOf(fx, token, paid.id), "processing");
    const restarted = fx.restart();
    assert.equal(await restarted.deliverWebhooks(), 1);
    assert.equal(await statusOf(fx, token, paid.id), "succeeded");
  });
});

paymentsTest(
  "[payments] when the provider is down",
  async (t, fx) => {
    const token = await fx.token("member-2");
    const sku = await product(fx, 2);
    await t.step("checkout is 503 PROVIDER_UNAVAILABLE and gives the stock back", async () => {
      const key = crypto.randomUUID();
      await expectProblem(
        await checkout(fx, token, { items: [{ sku, quantity: 2 }] }, key),
        503,
        "PROVIDER_UNAVAILABLE",
      );
      assert.equal((await levels(fx, sku)).reserved, 0);
      assert.deepEqual(await fx.rows(sql`select id from payments.payments`), []);
      // The claim was released: the same key may run again (and fail the same way here).
      await expectProblem(
        await checkout(fx, token, { items: [{ sku, quantity: 2 }] }, key),
        503,
        "PROVIDER_UNAVAILABLE",
      );
    });
  },
  // Stripe's API on a port where nothing listens.
  {
    stripe: {
      secretKey: "sk_test_down",
      host: "127.0.0.1",
      port: 9,
      protocol: "http",
      maxNetworkRetries: 0,
    },
  },
);

paymentsTest("[payments] UserDeleted keeps the records, not the person", async (t, fx) => {
  const userId = "member-gone";
  const token = await fx.token(userId);
  const paid = await paidPlan(fx, token, "yearly", "key-1");

  await t.step("every row of the member is re-keyed to a tombstone", async () => {
    const deleted = { userId, deletedAt: new Date().toISOString() };
    assert.equal((await fx.deliver({ type: "UserDeleted", payload: deleted })).status, 204);
    for (const table of ["payments", "memberships", "idempotency_keys"]) {
      const rows = await fx.rows<{ user_id: string }>(
        sql.raw(`select user_id from payments.${table}`),
      );
      assert.ok(rows.length > 0, table);
      for (const row of rows) {
        assert.notEqual(row.user_id, userId, table);
        assert.match(row.user_id, /^deleted-user:/);
      }
    }
    const events = await fx.rows<{ n: number }>(
      sql`select count(*)::int as n from payments.outbox where payload->>'userId' = ${userId}`,
    );
    assert.equal(events[0].n, 0);
    const [record] = await fx.rows<{ amount_cents: number; status: string }>(
      sql`select amount_cents, status from payments.payments where id = ${paid.id}`,
    );
    assert.deepEqual(record, { amount_cents: 29000, status: "succeeded" });
  });

  await t.step("the id no longer finds anything", async () => {
    await expectProblem(
      await fx.request(`/v1/payments/${paid.id}`, { headers: bearer(token) }),
      404,
      "PAYMENT_NOT_FOUND",
    );
    assert.deepEqual(
      await expectJson(await fx.request("/v1/me/membership", { headers: bearer(token) }), 200),
      { active: false, planId: null, currentPeriodEnd: null },
    );
  });
});

paymentsTest("[payments] metrics", async (t, fx) => {
  const token = await fx.token("member-3");
  await paidPlan(fx, token, "monthly", "key-m");

  await t.step("payments by status, webhooks by type and result, webhook lag", async () => {
    const text = await (await fx.internal("/internal/metrics")).text();
    assert.match(
      text,
      /fitconnect_payments_total\{status="requires_confirmation",worker="payments"\} 1/,
    );
    assert.match(text, /fitconnect_payments_total\{status="processing",worker="payments"\} 1/);
    assert.match(text, /fitconnect_payments_total\{status="succeeded",worker="payments"\} 1/);
    assert.match(
      text,
      /fitconnect_webhooks_total\{type="payment_intent.succeeded",result="processed",worker="payments"\} 1/,
    );
    assert.match(text, /fitconnect_webhook_lag_seconds_count\{worker="payments"\} 1/);
  });
});
