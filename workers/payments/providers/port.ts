/**
 * The payment provider port: what the payments service needs from Stripe,
 * whichever adapter provides it (the Stripe API through its SDK, or the
 * offline provider that follows Stripe's test mode).
 *
 * Amounts are minor units and currencies ISO 4217 upper case here; the
 * Stripe adapter converts to Stripe's lower-case codes.
 *
 * @module
 */

/** A PaymentIntent to create. */
export interface CreateIntentInput {
  amountCents: number;
  currency: string;
  /** Copied onto the intent and every event about it (`paymentId`, `reservationId`). */
  metadata: Record<string, string>;
  /** Sent as Stripe's `Idempotency-Key`: a retry returns the same intent. */
  idempotencyKey: string;
}

/** A created PaymentIntent. */
export interface ProviderIntent {
  id: string;
  clientSecret: string;
  /** Stripe's status, e.g. `requires_confirmation`. */
  status: string;
}

/**
 * What confirming with a payment method did: the intent succeeded or is
 * still processing (its outcome follows by webhook), or the card was declined
 * (`reason`: Stripe's decline code, e.g. `card_declined`).
 */
export type ConfirmOutcome =
  | { status: "succeeded" | "processing" }
  | { status: "failed"; reason: string };

/** A created refund. */
export interface ProviderRefund {
  id: string;
  status: string;
}

/** The operations payments use. */
export interface PaymentProvider {
  readonly kind: "stripe" | "offline";
  createIntent(input: CreateIntentInput): Promise<ProviderIntent>;
  /** Server-side confirmation with `paymentMethod` (e.g. `pm_card_visa`). */
  confirmIntent(intentId: string, paymentMethod: string): Promise<ConfirmOutcome>;
  /** Refunds the intent's charge in full. */
  refund(intentId: string, options: { idempotencyKey: string; reason?: string }): Promise<
    ProviderRefund
  >;
}

/** Why the provider refused or could not answer. */
export type ProviderErrorKind =
  /** Not reachable, timed out, or a 5xx / rate limit: try again later. */
  | "unavailable"
  /** The payment method does not exist. */
  | "unknown_payment_method"
  /** Any other refusal of the request (a bug on our side, or a state Stripe will not change). */
  | "rejected";

/** An error of the provider, classified for the service. */
export class ProviderError extends Error {
  constructor(readonly kind: ProviderErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProviderError";
  }
}
