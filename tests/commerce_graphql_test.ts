/**
 * Inventory, plans, checkout and payments through GraphQL, over the same
 * workers as REST: the same answers, the same codes in `extensions`.
 */
import assert from "node:assert/strict";
import { eventually, expectJson } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import { product } from "../workers/payments/testing.ts";

interface GraphqlResult<T> {
  data?: T | null;
  errors?: { message: string; extensions: { code: string; status: number } }[];
}

async function graphql<T>(
  platform: TestPlatform,
  query: string,
  token?: string,
  variables = {},
): Promise<GraphqlResult<T>> {
  const response = await platform.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? bearer(token) : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return await expectJson<GraphqlResult<T>>(response, 200);
}

const checkoutMutation = `mutation ($input: CheckoutInput!) {
  checkout(input: $input) { id status amountCents currency clientSecret planId items { sku name quantity unitPriceCents } }
}`;

type Paid = {
  id: string;
  status: string;
  amountCents: number;
  items: { sku: string; quantity: number }[];
};

platformTest("[graphql] commerce", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const token = member.accessToken;
  const sku = await product(platform, { priceCents: 1999, onHand: 4, name: "GraphQL shaker" });

  await t.step("inventoryItems and inventoryItem", async () => {
    const page = await graphql<
      { inventoryItems: { items: { sku: string; type: string }[]; nextCursor: string | null } }
    >(
      platform,
      `{ inventoryItems(type: "product", limit: 100) { items { sku name type priceCents currency available status } nextCursor } }`,
    );
    assert.equal(page.errors, undefined);
    assert.ok(page.data!.inventoryItems.items.length > 0);
    assert.ok(page.data!.inventoryItems.items.every((item) => item.type === "product"));
    const one = await graphql<
      { inventoryItem: { sku: string; onHand: number; available: number } }
    >(
      platform,
      `query ($sku: ID!) { inventoryItem(sku: $sku) { sku name onHand reserved available } }`,
      undefined,
      { sku },
    );
    assert.deepEqual(
      { sku: one.data!.inventoryItem.sku, onHand: one.data!.inventoryItem.onHand },
      { sku, onHand: 4 },
    );
    const missing = await graphql(platform, `{ inventoryItem(sku: "NO-SUCH-SKU") { sku } }`);
    assert.equal(missing.errors?.[0].extensions.code, "ITEM_NOT_FOUND");
  });

  await t.step("plans", async () => {
    const result = await graphql<{ plans: { items: { id: string; priceCents: number }[] } }>(
      platform,
      "{ plans { items { id name interval priceCents currency } } }",
    );
    assert.deepEqual(result.data!.plans.items.map((plan) => plan.id), ["monthly", "yearly"]);
  });

  await t.step(
    "checkout is idempotent by idempotencyKey; confirmPayment pays; membership follows",
    async () => {
      const input = {
        idempotencyKey: crypto.randomUUID(),
        items: [{ sku, quantity: 2 }],
        planId: "monthly",
      };
      const first = await graphql<{ checkout: Paid }>(platform, checkoutMutation, token, { input });
      assert.equal(first.errors, undefined, JSON.stringify(first.errors));
      const paid = first.data!.checkout;
      assert.equal(paid.status, "requires_confirmation");
      assert.equal(paid.amountCents, 2 * 1999 + 2900);
      const again = await graphql<{ checkout: Paid }>(platform, checkoutMutation, token, { input });
      assert.equal(again.data!.checkout.id, paid.id);
      const reused = await graphql(platform, checkoutMutation, token, {
        input: { ...input, planId: "yearly" },
      });
      assert.equal(reused.errors?.[0].extensions.code, "IDEMPOTENCY_KEY_REUSED");
      assert.equal(reused.errors?.[0].extensions.status, 409);

      const confirmed = await graphql<{ confirmPayment: { id: string; status: string } }>(
        platform,
        `mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }`,
        token,
        { input: { id: paid.id, paymentMethod: "pm_card_visa" } },
      );
      assert.equal(confirmed.data!.confirmPayment.id, paid.id);
      const settled = await eventually(
        "the payment to succeed",
        () =>
          graphql<{ payment: { status: string } }>(
            platform,
            `query ($id: ID!) { payment(id: $id) { id status } }`,
            token,
            { id: paid.id },
          ),
        (result) => result.data?.payment.status === "succeeded",
      );
      assert.equal(settled.data!.payment.status, "succeeded");
      const membership = await graphql<{ membership: { active: boolean; planId: string } }>(
        platform,
        "{ membership { active planId currentPeriodEnd } }",
        token,
      );
      assert.deepEqual(
        { active: membership.data!.membership.active, planId: membership.data!.membership.planId },
        { active: true, planId: "monthly" },
      );
    },
  );

  await t.step(
    "REST codes in extensions: unknown method, another member's payment, no token",
    async () => {
      const input = { idempotencyKey: crypto.randomUUID(), planId: "monthly" };
      const paid = (await graphql<{ checkout: Paid }>(platform, checkoutMutation, token, { input }))
        .data!.checkout;
      const unknown = await graphql(
        platform,
        `mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id } }`,
        token,
        { input: { id: paid.id, paymentMethod: "pm_card_bogus" } },
      );
      assert.equal(unknown.errors?.[0].extensions.code, "UNKNOWN_PAYMENT_METHOD");
      const other = await signUp(platform);
      const hidden = await graphql(
        platform,
        `query ($id: ID!) { payment(id: $id) { id } }`,
        other.accessToken,
        { id: paid.id },
      );
      assert.equal(hidden.errors?.[0].extensions.code, "PAYMENT_NOT_FOUND");
      const anonymous = await graphql(platform, "{ membership { active } }");
      assert.equal(anonymous.errors?.[0].extensions.code, "UNAUTHENTICATED");
    },
  );
});
