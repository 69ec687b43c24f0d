/**
 * The Stripe adapter of the provider port, through the `stripe` SDK with its
 * fetch HTTP client (what runs on Deno Deploy). PaymentIntents are created
 * with an `Idempotency-Key` derived from the payment, confirmed server-side
 * with the given `payment_method`, and refunded in full.
 *
 * `host`, `port` and `protocol` point the SDK elsewhere: the contract test
 * records what it sends to a local server.
 *
 * @module
 */
import Stripe from "stripe";
import {
  type ConfirmOutcome,
  type PaymentProvider,
  ProviderError,
  type ProviderRefund,
} from "./port.ts";

/** What the Stripe adapter needs. */
export interface StripeProviderOptions {
  /** `sk_live_...` or `sk_test_...`. */
  secretKey: string;
  host?: string;
  port?: number;
  protocol?: "http" | "https";
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** The SDK's own retries of network errors and 5xx, with the same idempotency key (default 1). */
  maxNetworkRetries?: number;
}

/** The error shape of the SDK's `StripeError`s that matter here. */
interface StripeErrorLike {
  type?: string;
  code?: string;
  decline_code?: string;
  param?: string;
  statusCode?: number;
  message?: string;
}

function isStripeError(error: unknown): error is StripeErrorLike {
  return typeof error === "object" && error !== null && "type" in error &&
    typeof (error as { type: unknown }).type === "string" &&
    String((error as { type: string }).type).startsWith("Stripe");
}

/** The port's error for whatever the SDK threw (a card decline is not an error: see confirm). */
function providerError(error: unknown, action: string): ProviderError {
  if (!isStripeError(error)) {
    return new ProviderError("unavailable", `Cannot ${action}: ${String(error)}`, { cause: error });
  }
  const transient = error.type === "StripeConnectionError" || error.type === "StripeAPIError" ||
    error.type === "StripeRateLimitError" || (error.statusCode ?? 0) >= 500;
  if (transient) {
    return new ProviderError("unavailable", `Cannot ${action}: Stripe is unavailable`, {
      cause: error,
    });
  }
  if (error.code === "resource_missing" && error.param === "payment_method") {
    return new ProviderError("unknown_payment_method", "No such payment method.", { cause: error });
  }
  return new ProviderError("rejected", `Cannot ${action}: ${error.message ?? error.type}`, {
    cause: error,
  });
}

/** The provider port over the Stripe API. */
export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    host: options.host,
    port: options.port,
    protocol: options.protocol,
    timeout: options.timeoutMs ?? 10_000,
    maxNetworkRetries: options.maxNetworkRetries ?? 1,
    telemetry: false,
  });

  return {
    kind: "stripe",

    async createIntent({ amountCents, currency, metadata, idempotencyKey }) {
      try {
        const intent = await stripe.paymentIntents.create({
          amount: amountCents,
          currency: currency.toLowerCase(),
          metadata,
          // Confirmed by the server with a card: no redirect-based methods.
          payment_method_types: ["card"],
        }, { idempotencyKey });
        return { id: intent.id, clientSecret: intent.client_secret ?? "", status: intent.status };
      } catch (error) {
        throw providerError(error, "create the payment intent");
      }
    },

    async confirmIntent(intentId, paymentMethod): Promise<ConfirmOutcome> {
      let intent: Stripe.PaymentIntent;
      try {
        intent = await stripe.paymentIntents.confirm(intentId, { payment_method: paymentMethod });
      } catch (error) {
        // A decline is Stripe's answer, not a failure to answer: 402 card_error.
        if (isStripeError(error) && error.type === "StripeCardError") {
          return { status: "failed", reason: error.decline_code ?? error.code ?? "card_declined" };
        }
        throw providerError(error, "confirm the payment intent");
      }
      if (intent.status === "succeeded" || intent.status === "processing") {
        return { status: intent.status };
      }
      // requires_action (3-D Secure) cannot be completed server-side; anything else failed.
      const reason = intent.status === "requires_action"
        ? "authentication_required"
        : intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ??
          "payment_failed";
      return { status: "failed", reason };
    },

    async refund(intentId, { idempotencyKey, reason }): Promise<ProviderRefund> {
      try {
        const refund = await stripe.refunds.create({
          payment_intent: intentId,
          ...(reason ? { metadata: { reason } } : {}),
        }, { idempotencyKey });
        return { id: refund.id, status: refund.status ?? "pending" };
      } catch (error) {
        throw providerError(error, "refund the payment");
      }
    },
  };
}
