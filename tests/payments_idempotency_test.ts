/**
 * `Idempotency-Key` on `POST /v1/payments`, with Stripe's semantics, per
 * user: a replay gets the first answer, another body with the same key is
 * refused, and concurrent requests with one key create one payment.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import { checkout, levels, type PaymentBody, product } from "../workers/payments/testing.ts";

async function paymentsOf(platform: TestPlatform, userId: string): Promise<number> {
  const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
    sql`select count(*)::int as n from payments.payments where user_id = ${userId}`,
  );
  return rows[0].n;
}

platformTest("[payments] POST /v1/payments idempotency", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const token = member.accessToken;
  const sku = await product(platform, { priceCents: 999, onHand: 50 });

  await t.step("without Idempotency-Key is 400 and creates nothing", async () => {
    await expectProblem(
      await checkout(platform, token, { planId: "monthly" }, null),
      400,
      "IDEMPOTENCY_KEY_REQUIRED",
    );
    await expectProblem(
      await checkout(platform, token, { planId: "monthly" }, "x".repeat(256)),
      400,
      "IDEMPOTENCY_KEY_INVALID",
    );
    await expectProblem(
      await checkout(platform, token, { planId: "monthly" }, "tab\tinside"),
      400,
      "IDEMPOTENCY_KEY_INVALID",
    );
    assert.equal(await paymentsOf(platform, member.id), 0);
  });

  await t.step("invalid bodies are 422 and create nothing", async () => {
    const key = crypto.randomUUID();
    for (
      const body of [
        {},
        { items: [] },
        { items: [{ sku, quantity: 0 }] },
        { items: [{ sku, quantity: 101 }] },
        { items: [{ sku, quantity: 1.5 }] },
        { items: [{ sku, quantity: 1 }, { sku, quantity: 2 }] },
        { planId: "monthly", amountCents: 1 },
      ]
    ) {
      await expectProblem(await checkout(platform, token, body, key), 422, "VALIDATION_FAILED");
    }
    const problem = await expectProblem(
      await checkout(platform, token, { planId: "weekly" }, key),
      422,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(problem.errors, [{ pointer: "/planId", detail: "is not a plan" }]);
    const unknown = await expectProblem(
      await checkout(platform, token, { items: [{ sku: "NO-SUCH-SKU", quantity: 1 }] }),
      422,
      "VALIDATION_FAILED",
    );
    assert.equal(unknown.errors?.[0].pointer, "/items/0/sku");
    const unsellable = await expectProblem(
      await checkout(platform, token, {
        items: [{ sku, quantity: 1 }, { sku: "EQ-TREADMILL", quantity: 1 }],
      }),
      422,
      "VALIDATION_FAILED",
    );
    assert.equal(unsellable.errors?.[0].pointer, "/items/1/sku");
    assert.equal(await paymentsOf(platform, member.id), 0);
    assert.equal((await levels(platform, sku)).reserved, 0);
  });

  await t.step("the same key and body again replays the first answer", async () => {
    const key = crypto.randomUUID();
    const body = { items: [{ sku, quantity: 2 }], planId: "monthly" };
    const first = await checkout(platform, token, body, key);
    const original = await expectJson<PaymentBody>(first, 201);
    assert.equal(first.headers.get("idempotent-replayed"), null);
    // The same members in another order are the same body.
    const again = await checkout(platform, token, { planId: "monthly", items: body.items }, key);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.equal(again.headers.get("location"), `/v1/payments/${original.id}`);
    assert.deepEqual(await expectJson<PaymentBody>(again, 201), original);
    assert.equal(await paymentsOf(platform, member.id), 1);
    assert.equal((await levels(platform, sku)).reserved, 2);
  });

  await t.step("the same key with another body is 409 IDEMPOTENCY_KEY_REUSED", async () => {
    const key = crypto.randomUUID();
    await expectJson(await checkout(platform, token, { planId: "monthly" }, key), 201);
    await expectProblem(
      await checkout(platform, token, { planId: "yearly" }, key),
      409,
      "IDEMPOTENCY_KEY_REUSED",
    );
    assert.equal(await paymentsOf(platform, member.id), 2);
  });

  await t.step("keys are per user: another member's same key makes their own payment", async () => {
    const key = crypto.randomUUID();
    const other = await signUp(platform);
    const mine = await expectJson<PaymentBody>(
      await checkout(platform, token, { planId: "monthly" }, key),
      201,
    );
    const theirs = await expectJson<PaymentBody>(
      await checkout(platform, other.accessToken, { planId: "yearly" }, key),
      201,
    );
    assert.notEqual(mine.id, theirs.id);
    assert.equal(await paymentsOf(platform, other.id), 1);
  });

  await t.step("a refusal is the key's answer too (Stripe saves 4xx results)", async () => {
    const scarce = await product(platform, { priceCents: 100, onHand: 1 });
    const key = crypto.randomUUID();
    const body = { items: [{ sku: scarce, quantity: 2 }] };
    const first = await expectProblem(
      await checkout(platform, token, body, key),
      409,
      "INSUFFICIENT_STOCK",
    );
    const replay = await checkout(platform, token, body, key);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    const again = await expectProblem(replay, 409, "INSUFFICIENT_STOCK");
    assert.equal(again.detail, first.detail);
  });

  await t.step("20 concurrent requests with one key create exactly one payment", async () => {
    const racer = await signUp(platform);
    const key = crypto.randomUUID();
    const body = { items: [{ sku, quantity: 1 }], planId: "yearly" };
    const before = await levels(platform, sku);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => checkout(platform, racer.accessToken, body, key)),
    );
    const ids = new Set<string>();
    for (const response of responses) {
      if (response.status === 201) {
        ids.add((await expectJson<PaymentBody>(response, 201)).id);
      } else {
        const problem = await expectProblem(response, 409, "IDEMPOTENCY_KEY_IN_USE");
        assert.ok(problem.detail);
        assert.equal(response.headers.get("retry-after"), "1");
      }
    }
    assert.equal(ids.size, 1);
    assert.equal(await paymentsOf(platform, racer.id), 1);
    assert.equal((await levels(platform, sku)).reserved, before.reserved + 1);
    // Once the first finished, a retry gets its answer.
    const retry = await checkout(platform, racer.accessToken, body, key);
    assert.equal((await expectJson<PaymentBody>(retry, 201)).id, [...ids][0]);
  });
});
