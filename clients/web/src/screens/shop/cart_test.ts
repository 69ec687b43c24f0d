import assert from "node:assert/strict";
import { checkoutInput, choosePlan, emptyCart, isEmpty, setQuantity } from "./cart.ts";

Deno.test("cart: the key holds until the cart changes", () => {
  const cart = setQuantity(emptyCart(), "SUP-WHEY", 2);
  assert.equal(checkoutInput(cart).idempotencyKey, checkoutInput(cart).idempotencyKey);
  const changed = choosePlan(cart, "monthly");
  assert.notEqual(changed.key, cart.key);
  assert.deepEqual(checkoutInput(changed), {
    idempotencyKey: changed.key,
    items: [{ sku: "SUP-WHEY", quantity: 2 }],
    planId: "monthly",
  });
});

Deno.test("cart: quantity 0 removes the line", () => {
  const cart = setQuantity(setQuantity(emptyCart(), "A", 1), "A", 0);
  assert.ok(isEmpty(cart));
  assert.equal(checkoutInput(cart).items, null);
});
