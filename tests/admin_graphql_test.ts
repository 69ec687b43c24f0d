/**
 * The admins' GraphQL operations — inventory changes, refunds, the analytics
 * overview, dead letters — through the admin REST routes with the caller's
 * own token: an admin is served, a member is refused by the worker's own
 * role check (FORBIDDEN), a stranger is UNAUTHENTICATED, bad input is the
 * REST refusal with its code and pointers, never a 5xx.
 */
import assert from "node:assert/strict";
import type { Fetcher } from "../shared/bindings/service_binding.ts";
import { deliveryPath } from "../shared/queue/port.ts";
import { eventually } from "../shared/testing/assertions.ts";
import { freshSku } from "../workers/inventory/testing.ts";
import { admin } from "../workers/payments/testing.ts";
import { signUp } from "./support/identity.ts";
import { dataOf, graphql, refusal } from "./support/graphql.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

const itemFields = "sku name type priceCents currency available status onHand lowStockThreshold";

/** Every admin field, each with variables that would pass were the caller an admin. */
const adminOperations: [string, Record<string, unknown>][] = [
  ["{ analyticsOverview { payingUsers } }", {}],
  ["{ deadLetters { items { id } } }", {}],
  [
    `mutation ($input: CreateInventoryItemInput!) { createInventoryItem(input: $input) { sku } }`,
    {
      input: {
        sku: "GQL-MEMBER-TRY",
        name: "Nope",
        type: "product",
        priceCents: 100,
        currency: "EUR",
      },
    },
  ],
  [
    `mutation { updateInventoryItem(sku: "SUP-CREATINE-500G", input: { priceCents: 1 }) { sku } }`,
    {},
  ],
  [
    `mutation { adjustStock(input: { sku: "SUP-CREATINE-500G", delta: 5, reason: "x" }) { sku } }`,
    {},
  ],
  [`mutation { refundPayment(id: "pay_000000000000000000000000") { id } }`, {}],
  [`mutation { replayDeadLetter(id: "nope") }`, {}],
];

/**
 * Makes notifications refuse the `UserRegistered` delivery of `email` as a contract breach (489,
 * non-retryable): the queue dead-letters it at once. Every other delivery goes through.
 */
function poisonWelcomeOf(platform: TestPlatform, email: string) {
  const healthy = platform.workers.notifications;
  const poisoned: Fetcher = {
    async fetch(request, info) {
      if (new URL(request.url).pathname !== deliveryPath) return healthy.fetch(request, info);
      const message = await request.clone().json() as { type: string; payload: { email?: string } };
      if (message.type !== "UserRegistered" || message.payload.email !== email) {
        return healthy.fetch(request, info);
      }
      platform.workers.notifications = healthy;
      return Response.json({ reason: "poisoned by the test" }, {
        status: 489,
        headers: { "upstash-nonretryable-error": "true" },
      });
    },
  };
  platform.workers.notifications = poisoned;
}

platformTest("[graphql] admin operations", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const token = await admin(platform);
  const sku = freshSku("GQL");

  await t.step("members are refused every admin field by the worker (FORBIDDEN)", async () => {
    for (const [query, variables] of adminOperations) {
      refusal(await graphql(platform, query, member.accessToken, variables), "FORBIDDEN", 403);
    }
  });

  await t.step("strangers are refused every admin field (UNAUTHENTICATED)", async () => {
    for (const [query, variables] of adminOperations) {
      refusal(await graphql(platform, query, undefined, variables), "UNAUTHENTICATED", 401);
    }
  });

  await t.step("createInventoryItem, updateInventoryItem, adjustStock", async () => {
    const created = dataOf(
      await graphql<{ createInventoryItem: Record<string, unknown> }>(
        platform,
        `mutation ($input: CreateInventoryItemInput!) { createInventoryItem(input: $input) { ${itemFields} } }`,
        token,
        {
          input: {
            sku,
            name: "GraphQL band",
            type: "product",
            priceCents: 1299,
            currency: "EUR",
            lowStockThreshold: 2,
          },
        },
      ),
    ).createInventoryItem;
    assert.deepEqual(created, {
      sku,
      name: "GraphQL band",
      type: "product",
      priceCents: 1299,
      currency: "EUR",
      available: 0,
      status: "in_service",
      onHand: 0,
      lowStockThreshold: 2,
    });
    const updated = dataOf(
      await graphql<{ updateInventoryItem: { priceCents: number; lowStockThreshold: number } }>(
        platform,
        `mutation ($sku: ID!, $input: UpdateInventoryItemInput!) {
          updateInventoryItem(sku: $sku, input: $input) { priceCents lowStockThreshold }
        }`,
        token,
        { sku, input: { priceCents: 1499, lowStockThreshold: 3 } },
      ),
    ).updateInventoryItem;
    assert.deepEqual(updated, { priceCents: 1499, lowStockThreshold: 3 });
    const adjusted = dataOf(
      await graphql<{ adjustStock: { onHand: number; available: number } }>(
        platform,
        `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { onHand available } }`,
        token,
        { input: { sku, delta: 12, reason: "delivery" } },
      ),
    ).adjustStock;
    assert.deepEqual(adjusted, { onHand: 12, available: 12 });
  });

  await t.step("inventory refusals keep the REST codes and pointers", async () => {
    const create =
      `mutation ($input: CreateInventoryItemInput!) { createInventoryItem(input: $input) { sku } }`;
    const item = { sku, name: "Again", type: "product", priceCents: 100, currency: "EUR" };
    refusal(await graphql(platform, create, token, { input: item }), "SKU_TAKEN", 409);
    refusal(
      await graphql(platform, create, token, { input: { ...item, sku: "lower case" } }),
      "VALIDATION_FAILED",
      422,
      ["/sku"],
    );
    const adjust = `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { onHand } }`;
    refusal(
      await graphql(platform, adjust, token, { input: { sku, delta: 0, reason: "none" } }),
      "VALIDATION_FAILED",
      422,
      ["/delta"],
    );
    refusal(
      await graphql(platform, adjust, token, { input: { sku, delta: -100, reason: "theft" } }),
      "INSUFFICIENT_STOCK",
      409,
    );
    refusal(
      await graphql(
        platform,
        `mutation { updateInventoryItem(sku: "NO-SUCH-SKU", input: { name: "x" }) { sku } }`,
        token,
      ),
      "ITEM_NOT_FOUND",
      404,
    );
    refusal(
      await graphql(
        platform,
        `mutation { updateInventoryItem(sku: "..", input: {}) { sku } }`,
        token,
      ),
      "ID_INVALID",
      400,
    );
  });

  await t.step("refundPayment refunds a succeeded payment; an open one is refused", async () => {
    const checkout = `mutation ($input: CheckoutInput!) { checkout(input: $input) { id } }`;
    const paid = dataOf(
      await graphql<{ checkout: { id: string } }>(platform, checkout, member.accessToken, {
        input: { idempotencyKey: crypto.randomUUID(), planId: "monthly" },
      }),
    ).checkout;
    refusal(
      await graphql(platform, `mutation ($id: ID!) { refundPayment(id: $id) { id } }`, token, {
        id: paid.id,
      }),
      "PAYMENT_NOT_REFUNDABLE",
      409,
    );
    dataOf(
      await graphql(
        platform,
        `mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id } }`,
        member.accessToken,
        { input: { id: paid.id, paymentMethod: "pm_card_visa" } },
      ),
    );
    await eventually(
      "the payment to succeed",
      () =>
        graphql<{ payment: { status: string } }>(
          platform,
          `query ($id: ID!) { payment(id: $id) { status } }`,
          member.accessToken,
          { id: paid.id },
        ),
      (result) => result.data?.payment.status === "succeeded",
    );
    const refunded = dataOf(
      await graphql<{ refundPayment: { id: string; status: string } }>(
        platform,
        `mutation ($id: ID!) { refundPayment(id: $id) { id status amountCents } }`,
        token,
        { id: paid.id },
      ),
    ).refundPayment;
    assert.equal(refunded.id, paid.id);
    await eventually(
      "the payment to read refunded",
      () =>
        graphql<{ payment: { status: string } }>(
          platform,
          `query ($id: ID!) { payment(id: $id) { status } }`,
          member.accessToken,
          { id: paid.id },
        ),
      (result) => result.data?.payment.status === "refunded",
    );
    refusal(
      await graphql(platform, `mutation { refundPayment(id: "pay_unknown") { id } }`, token),
      "PAYMENT_NOT_FOUND",
      404,
    );
  });

  await t.step("analyticsOverview answers the admin dashboard", async () => {
    const overview = dataOf(
      await graphql<{ analyticsOverview: { users: { total: number }; signupsByDay: unknown[] } }>(
        platform,
        `{ analyticsOverview {
          users { total active1d active7d active30d }
          signupsByDay { date count } sessionsByDay { date count }
          revenueByDay { date currency amountCents } payingUsers
        } }`,
        token,
      ),
    ).analyticsOverview;
    assert.equal(overview.signupsByDay.length, 30);
  });

  await t.step(
    "deadLetters lists a refused delivery; replayDeadLetter sends it again",
    async () => {
      const email = `poisoned-${crypto.randomUUID().slice(0, 8)}@example.com`;
      poisonWelcomeOf(platform, email);
      await signUp(platform, { email }); // UserRegistered → notifications' welcome, refused once
      const list = `query ($limit: Int) {
      deadLetters(limit: $limit) { items { id consumer type failedAt reason } nextCursor }
    }`;
      type Letters = {
        deadLetters: { items: { id: string; consumer: string; type: string; reason: string }[] };
      };
      const letters = await eventually(
        "the dead letter",
        async () => dataOf(await graphql<Letters>(platform, list, token, { limit: 50 })),
        (data) => data.deadLetters.items.some((letter) => letter.type === "UserRegistered"),
      );
      const letter = letters.deadLetters.items.find((item) => item.type === "UserRegistered")!;
      assert.equal(letter.consumer, "notifications");
      const replayed = await graphql<{ replayDeadLetter: boolean }>(
        platform,
        `mutation ($id: ID!) { replayDeadLetter(id: $id) }`,
        token,
        { id: letter.id },
      );
      assert.equal(dataOf(replayed).replayDeadLetter, true);
      refusal(
        await graphql(platform, `mutation ($id: ID!) { replayDeadLetter(id: $id) }`, token, {
          id: letter.id,
        }),
        "DEAD_LETTER_NOT_FOUND",
        404,
      );
      refusal(await graphql(platform, list, token, { limit: 0 }), "VALIDATION_FAILED", 422, [
        "limit",
      ]);
    },
  );
});
