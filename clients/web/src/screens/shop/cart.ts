/**
 * The cart: quantities by SKU and at most one membership plan, and the checkout's
 * `Idempotency-Key`, which stays the same until the cart changes, so a second click or a retry
 * after a lost answer returns the first payment instead of paying twice.
 *
 * @module
 */
import type { CheckoutInput } from "@fitconnect/clients-shared/graphql/schema";

/** What the member is buying. */
export interface Cart {
  lines: Readonly<Record<string, number>>;
  planId: string | null;
  /** Sent as the checkout's Idempotency-Key. */
  key: string;
}

/** An empty cart with a fresh key. */
export function emptyCart(): Cart {
  return { lines: {}, planId: null, key: crypto.randomUUID() };
}

/** `cart` with `sku` at `quantity` (0 removes it); a change gets a new key. */
export function setQuantity(cart: Cart, sku: string, quantity: number): Cart {
  const lines = { ...cart.lines };
  if (quantity > 0) lines[sku] = Math.min(100, Math.floor(quantity));
  else delete lines[sku];
  return { ...cart, lines, key: crypto.randomUUID() };
}

/** `cart` with the membership plan (or none); a change gets a new key. */
export function choosePlan(cart: Cart, planId: string | null): Cart {
  return { ...cart, planId, key: crypto.randomUUID() };
}

/** True when there is nothing to pay for. */
export function isEmpty(cart: Cart): boolean {
  return Object.keys(cart.lines).length === 0 && !cart.planId;
}

/** The checkout's input. */
export function checkoutInput(cart: Cart): CheckoutInput {
  const items = Object.entries(cart.lines).map(([sku, quantity]) => ({ sku, quantity }));
  return {
    idempotencyKey: cart.key,
    items: items.length ? items : null,
    planId: cart.planId,
  };
}

/** Statuses after which a payment no longer changes by itself. */
export const finalStatuses: readonly string[] = ["succeeded", "failed", "refunded"];
