/**
 * Checkout, confirmation and waiting for the outcome. A repeated call with the same cart key
 * returns the same payment (the gateway sends the key as `Idempotency-Key`), and a payment
 * already past confirmation is not confirmed again.
 *
 * @module
 */
import { graphql } from "../../api/graphql.ts";
import {
  CheckoutDocument,
  ConfirmPaymentDocument,
  PaymentDocument,
  type PaymentQuery,
} from "../../graphql/operations.generated.ts";
import { type Cart, checkoutInput, finalStatuses } from "./cart.ts";

/** A payment as the shop shows it. */
export type ShopPayment = NonNullable<PaymentQuery["payment"]>;

/** Creates (or replays) the payment and confirms it with `paymentMethod`. */
export async function pay(cart: Cart, paymentMethod: string): Promise<ShopPayment> {
  const { checkout } = await graphql.request(CheckoutDocument, { input: checkoutInput(cart) });
  if (checkout.status !== "requires_confirmation") return checkout;
  const { confirmPayment } = await graphql.request(ConfirmPaymentDocument, {
    input: { id: checkout.id, paymentMethod },
  });
  return confirmPayment;
}

/** Polls the payment every `everyMs` until final (or `maxTries`), reporting each state. */
export async function untilFinal(
  payment: ShopPayment,
  onUpdate: (payment: ShopPayment) => void,
  { everyMs = 1_000, maxTries = 60, signal }: {
    everyMs?: number;
    maxTries?: number;
    signal?: AbortSignal;
  } = {},
): Promise<ShopPayment> {
  let current = payment;
  for (let tries = 0; !finalStatuses.includes(current.status) && tries < maxTries; tries++) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    if (signal?.aborted) break;
    try {
      const answer = await graphql.request(PaymentDocument, { id: current.id }, signal);
      if (answer.payment) current = answer.payment;
      onUpdate(current);
    } catch {
      // A lost answer: try again at the next tick.
    }
  }
  return current;
}
