/**
 * Verifying Stripe webhook signatures with the SDK's own code, on the raw
 * body, with Web Crypto (the async helpers: Deno has no synchronous HMAC).
 *
 * @module
 */
import Stripe from "stripe";

/** Stripe's default tolerance: a signature older than 5 minutes is refused (replays). */
export const signatureToleranceSeconds = 300;

/** The body did not carry a valid, fresh signature. */
export class InvalidSignature extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidSignature";
  }
}

/** Checks `Stripe-Signature` headers against one endpoint secret. */
export interface WebhookVerifier {
  /** The event, once its signature is valid at `receivedAt`; throws {@linkcode InvalidSignature}. */
  verify(rawBody: string, signature: string | null, receivedAt: Date): Promise<Stripe.Event>;
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** A verifier for the endpoint secret `secret` (`whsec_...`). */
export function createWebhookVerifier(secret: string): WebhookVerifier {
  return {
    async verify(rawBody, signature, receivedAt) {
      if (!signature) throw new InvalidSignature("The Stripe-Signature header is missing.");
      try {
        return await Stripe.webhooks.constructEventAsync(
          rawBody,
          signature,
          secret,
          signatureToleranceSeconds,
          cryptoProvider,
          receivedAt.getTime(),
        );
      } catch (error) {
        throw new InvalidSignature("The signature does not match the body, or it expired.", {
          cause: error,
        });
      }
    },
  };
}

/** A `Stripe-Signature` header for `body`, made by the SDK's own helper (offline provider, tests). */
export async function signWebhook(body: string, secret: string, at: Date): Promise<string> {
  return await Stripe.webhooks.generateTestHeaderStringAsync({
    payload: body,
    secret,
    timestamp: Math.floor(at.getTime() / 1000),
    cryptoProvider,
  });
}
