import assert from "node:assert/strict";
import { expectJson } from "../../shared/testing/assertions.ts";
import type { OverviewBody } from "./schema.ts";
import { accepted, analyticsTest } from "./testing.ts";

function succeeded(paymentId: string, userId: string, amountCents: number, succeededAt: string) {
  return {
    type: "PaymentSucceeded",
    payload: {
      paymentId,
      userId,
      amountCents,
      currency: "EUR",
      planId: null,
      items: [{ sku: "whey-1kg", quantity: 1, unitPriceCents: amountCents }],
      succeededAt,
    },
  };
}

function refunded(paymentId: string, userId: string, amountCents: number, refundedAt: string) {
  return {
    type: "PaymentRefunded",
    payload: { paymentId, userId, amountCents, currency: "EUR", refundedAt },
  };
}

// The fixture's now: 2026-03-10T12:00Z; the overview's window: 2026-02-09 … 2026-03-10 (UTC).
analyticsTest("[analytics] revenue from payment events", async (t, fx) => {
  const overview = async () =>
    await expectJson<OverviewBody>(
      await fx.call("GET", "/v1/admin/analytics/overview", await fx.adminToken("u-root")),
      200,
    );

  await t.step("counts a payment on the UTC day it succeeded", async () => {
    // 23:30 in Berlin on the 8th is 22:30Z on the 8th; 01:00+02:00 on the 9th is 23:00Z on the 8th.
    await accepted(fx.deliver(succeeded("p-1", "u-a", 2900, "2026-03-08T23:30:00+01:00")));
    await accepted(fx.deliver(succeeded("p-2", "u-b", 1500, "2026-03-09T01:00:00+02:00")));
    await accepted(fx.deliver(succeeded("p-old", "u-c", 9900, "2026-01-05T10:00:00Z")));
    const body = await overview();
    assert.deepEqual(body.revenueByDay, [
      { date: "2026-03-08", amountCents: 4400, currency: "EUR" },
    ]);
    assert.equal(body.payingUsers, 2);
  });

  await t.step("subtracts a refund on the day it was made, not the payment's", async () => {
    await accepted(fx.deliver(refunded("p-2", "u-b", 1500, "2026-03-10T09:00:00Z")));
    // A refund of a payment from before the window still lowers the day of the refund.
    await accepted(fx.deliver(refunded("p-old", "u-c", 9900, "2026-03-10T10:00:00Z")));
    assert.deepEqual((await overview()).revenueByDay, [
      { date: "2026-03-08", amountCents: 4400, currency: "EUR" },
      { date: "2026-03-10", amountCents: -11400, currency: "EUR" },
    ]);
  });

  await t.step(
    "dead-letters (489, with the reason) a payload that breaks its contract, changing nothing",
    async () => {
      for (
        const broken of [
          succeeded("p-3", "u-a", -5, "2026-03-10T09:00:00Z"),
          succeeded("p-4", "u-a", 12.5, "2026-03-10T09:00:00Z"),
          succeeded("p-5", "u-a", 100, "yesterday"),
          { ...refunded("p-1", "u-a", 100, "2026-03-10T09:00:00Z"), payload: { paymentId: "p-1" } },
        ]
      ) {
        const response = await fx.deliver(broken);
        assert.equal(response.status, 489, JSON.stringify(broken));
        assert.equal(response.headers.get("upstash-nonretryable-error"), "true");
        assert.match((await response.json()).reason, /payload does not satisfy/);
      }
      assert.equal((await overview()).revenueByDay.length, 2);
    },
  );
});
