import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../../shared/testing/assertions.ts";
import type { Page } from "../../shared/http/paging.ts";
import type { NotificationBody } from "./schema.ts";
import { bearer, type Fixture, notificationsTest, registered, send } from "./testing.ts";

async function inboxOf(fx: Fixture, userId: string): Promise<NotificationBody[]> {
  const response = await fx.request("/v1/notifications?limit=100", bearer(await fx.token(userId)));
  return (await expectJson<Page<NotificationBody>>(response, 200)).items;
}

/** The notifications of `type` in `userId`'s inbox, without their ids and times. */
async function ofType(fx: Fixture, userId: string, type: string) {
  return (await inboxOf(fx, userId)).filter((item) => item.type === type)
    .map(({ type, title, body, data }) => ({ type, title, body, data }));
}

function succeeded(userId: string, overrides: Record<string, unknown> = {}) {
  return {
    paymentId: "pay-1",
    userId,
    amountCents: 4150,
    currency: "EUR",
    planId: "plan_monthly",
    items: [
      { sku: "whey-1kg", quantity: 2, unitPriceCents: 300 },
      { sku: "shaker", quantity: 1, unitPriceCents: 650 },
    ],
    succeededAt: "2026-03-01T12:00:00.000Z",
    ...overrides,
  };
}

function stockLow(sku = "whey-1kg") {
  return { sku, name: "Whey protein 1 kg", available: 3, threshold: 5 };
}

notificationsTest("[notifications] payment events", async (t, fx) => {
  await fx.delivered({ type: "UserRegistered", payload: registered("u-payer", "Pat") });
  await fx.delivered({ type: "UserRegistered", payload: registered("u-other", "Olu") });
  fx.emails.length = 0;

  await t.step("PaymentSucceeded: payment_succeeded in the inbox and by email", async () => {
    await fx.delivered({ type: "PaymentSucceeded", payload: succeeded("u-payer") });
    const expected = {
      type: "payment_succeeded",
      title: "Payment of €41.50 received",
      body: "Thank you! We received €41.50 for your monthly membership and 3 shop items.",
      data: { paymentId: "pay-1", amountCents: 4150, currency: "EUR", planId: "plan_monthly" },
    };
    assert.deepEqual(await ofType(fx, "u-payer", "payment_succeeded"), [expected]);
    assert.deepEqual(fx.emails, [
      { to: "u-payer@example.com", subject: expected.title, text: expected.body },
    ]);
    assert.deepEqual(await ofType(fx, "u-other", "payment_succeeded"), []);
  });

  await t.step("names only what was bought, in the currency's own minor units", async () => {
    await fx.delivered({
      type: "PaymentSucceeded",
      payload: succeeded("u-other", {
        paymentId: "pay-2",
        planId: null,
        amountCents: 500,
        currency: "JPY",
      }),
    });
    fx.advance(60); // The inbox is newest first.
    await fx.delivered({
      type: "PaymentSucceeded",
      payload: succeeded("u-other", {
        paymentId: "pay-3",
        items: [],
        amountCents: 2900,
        currency: "USD",
      }),
    });
    assert.deepEqual(
      (await ofType(fx, "u-other", "payment_succeeded")).map(({ title, body }) => [title, body]),
      [
        [
          "Payment of $29.00 received",
          "Thank you! We received $29.00 for your monthly membership.",
        ],
        ["Payment of ¥500 received", "Thank you! We received ¥500 for 3 shop items."],
      ],
    );
  });

  await t.step("is not emailed within the payer's quiet hours", async () => {
    // 12:00 UTC, the payer's zone: inside 11:00–13:00.
    await expectJson(
      await fx.request(
        "/v1/notifications/preferences",
        send("PUT", await fx.token("u-payer"), {
          inApp: true,
          email: true,
          push: false,
          quietHours: { start: "11:00", end: "13:00" },
        }),
      ),
      200,
    );
    const emailed = fx.emails.length;
    await fx.delivered({
      type: "PaymentSucceeded",
      payload: succeeded("u-payer", { paymentId: "pay-4" }),
    });
    assert.equal((await ofType(fx, "u-payer", "payment_succeeded")).length, 2);
    assert.equal(fx.emails.length, emailed);
  });

  await t.step("PaymentFailed: payment_failed with the reason", async () => {
    await fx.delivered({
      type: "PaymentFailed",
      payload: {
        paymentId: "pay-5",
        userId: "u-other",
        amountCents: 2900,
        currency: "EUR",
        reason: "Your card was declined.",
        failedAt: fx.now().toISOString(),
      },
    });
    assert.deepEqual(await ofType(fx, "u-other", "payment_failed"), [{
      type: "payment_failed",
      title: "Payment of €29.00 failed",
      body: "Your payment did not go through: Your card was declined. " +
        "Nothing was charged; try again, or with another payment method.",
      data: { paymentId: "pay-5", reason: "Your card was declined." },
    }]);
  });

  await t.step("PaymentRefunded: payment_refunded", async () => {
    await fx.delivered({
      type: "PaymentRefunded",
      payload: {
        paymentId: "pay-1",
        userId: "u-payer",
        amountCents: 4150,
        currency: "EUR",
        refundedAt: fx.now().toISOString(),
      },
    });
    const [refund] = await ofType(fx, "u-payer", "payment_refunded");
    assert.equal(refund.title, "Refund of €41.50 issued");
    assert.deepEqual(refund.data, { paymentId: "pay-1", amountCents: 4150, currency: "EUR" });
  });

  await t.step(
    "a payload that breaks its contract is dead-lettered and stores nothing",
    async () => {
      for (
        const broken of [
          succeeded("u-payer", { paymentId: "pay-bad-1", amountCents: -100 }),
          succeeded("u-payer", { paymentId: "pay-bad-2", amountCents: 10.5 }),
          succeeded("u-payer", { paymentId: "pay-bad-3", currency: "eur" }),
          succeeded("u-payer", { paymentId: "pay-bad-4", planId: undefined }),
        ]
      ) {
        const response = await fx.deliver({ type: "PaymentSucceeded", payload: broken });
        assert.equal(response.status, 489, JSON.stringify(broken));
        await response.body?.cancel();
      }
      assert.equal((await ofType(fx, "u-payer", "payment_succeeded")).length, 2);
    },
  );
});

notificationsTest("[notifications] StockLow", async (t, fx) => {
  for (const id of ["u-admin-1", "u-admin-2", "u-member"]) {
    await fx.delivered({ type: "UserRegistered", payload: registered(id) });
  }
  fx.emails.length = 0;
  fx.setAdmins(["u-admin-1", "u-admin-2"]);
  const lowStock = {
    type: "low_stock",
    title: "Low stock: Whey protein 1 kg",
    body: "Whey protein 1 kg (whey-1kg) is down to 3 available (threshold 5). Restock it soon.",
    data: { sku: "whey-1kg", name: "Whey protein 1 kg", available: 3, threshold: 5 },
  };

  await t.step("tells every admin, in the inbox and by email, and no member", async () => {
    await fx.delivered({ type: "StockLow", payload: stockLow() });
    assert.deepEqual(await ofType(fx, "u-admin-1", "low_stock"), [lowStock]);
    assert.deepEqual(await ofType(fx, "u-admin-2", "low_stock"), [lowStock]);
    assert.deepEqual(await ofType(fx, "u-member", "low_stock"), []);
    assert.deepEqual(fx.emails.map((email) => email.to).sort(), [
      "u-admin-1@example.com",
      "u-admin-2@example.com",
    ]);
  });

  await t.step("has no second effect when the same crossing is delivered again", async () => {
    const id = await fx.delivered({ type: "StockLow", payload: stockLow("shaker") });
    await fx.delivered({ id, type: "StockLow", payload: stockLow("shaker") });
    for (const admin of ["u-admin-1", "u-admin-2"]) {
      assert.equal((await ofType(fx, admin, "low_stock")).length, 2);
    }
    assert.equal(fx.emails.length, 4);
  });

  await t.step(
    "answers 503, storing nothing, while auth is unreachable; then delivers",
    async () => {
      fx.setAdmins(null);
      const processed = await fx.processedCount();
      const id = crypto.randomUUID();
      await expectProblem(
        await fx.deliver({ id, type: "StockLow", payload: stockLow("belt") }),
        503,
        "SERVICE_UNAVAILABLE",
      );
      assert.equal(await fx.processedCount(), processed);
      assert.equal((await ofType(fx, "u-admin-1", "low_stock")).length, 2);

      // The queue's retry, once auth answers again.
      fx.setAdmins(["u-admin-1", "u-admin-2"]);
      await fx.delivered({ id, type: "StockLow", payload: stockLow("belt") });
      for (const admin of ["u-admin-1", "u-admin-2"]) {
        assert.equal((await ofType(fx, admin, "low_stock")).length, 3);
      }
    },
  );

  await t.step("is processed, telling no one, when there are no admins", async () => {
    fx.setAdmins([]);
    await fx.delivered({ type: "StockLow", payload: stockLow("mat") });
    assert.equal((await ofType(fx, "u-admin-1", "low_stock")).length, 3);
  });

  await t.step("asks auth only for events that go to admins", async () => {
    const lookups = fx.adminLookups();
    await fx.delivered({
      type: "PaymentFailed",
      payload: {
        paymentId: "pay-9",
        userId: "u-member",
        amountCents: 100,
        currency: "EUR",
        reason: "Insufficient funds",
        failedAt: fx.now().toISOString(),
      },
    });
    assert.equal(fx.adminLookups(), lookups);
  });
});
