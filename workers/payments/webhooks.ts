/**
 * `POST /webhooks/stripe`: Stripe events, verified on the raw body, handled
 * once per event id, harmless when repeated or out of order.
 *
 * - `payment_intent.succeeded` → the stock is sold, the membership granted
 *   or extended, `PaymentSucceeded` (./settle.ts).
 * - `payment_intent.payment_failed` → the stock released, `PaymentFailed`.
 * - `charge.refunded` → `refunded`, `PaymentRefunded`.
 *
 * Order does not matter because outcomes only move a payment forward: a
 * failure after a success changes nothing, a refund counts only after a
 * success, and a success after a failure (a later confirmation) is still
 * honoured. What an event says is read from its object's own status, not
 * from its type alone. Events about intents that are not ours, and types we
 * do not use, are recorded and answered 200 so Stripe stops sending them.
 *
 * @module
 */
import type Stripe from "stripe";
import { Problem } from "../../shared/http/problem.ts";
// INVALID_SIGNATURE (401): the platform's code for a body whose signature fails.
import { queueProblems } from "../../shared/queue/signature.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { PaymentsMetrics } from "./metrics.ts";
import { paymentsProblems } from "./problems.ts";
import { InvalidSignature, type WebhookVerifier } from "./providers/webhook_signature.ts";
import type { HandledEvent, PaymentsRepository, Settled } from "./repository.ts";
import { SettleLater, type Settlement } from "./settle.ts";

/** What handling one delivery did. */
export type WebhookResult = Settled | "duplicate";

/** The webhook use case. */
export interface WebhookService {
  /** Verifies and handles one delivery; throws a problem for a bad signature (400) or a retry (503). */
  handle(rawBody: string, signature: string | null): Promise<WebhookResult>;
}

/** What the webhook handler needs. */
export interface WebhookServiceDeps {
  verifier: WebhookVerifier;
  repository: PaymentsRepository;
  settlement: Settlement;
  metrics: PaymentsMetrics;
  now: () => Date;
  log: Logger;
}

/** The webhook handler over `deps`. */
export function createWebhookService(deps: WebhookServiceDeps): WebhookService {
  const { verifier, repository, settlement, metrics, now, log } = deps;

  async function paymentOf(intentId: unknown) {
    return typeof intentId === "string" ? await repository.findByIntent(intentId) : undefined;
  }

  async function dispatch(event: Stripe.Event): Promise<Settled> {
    const handled: HandledEvent = { id: event.id, type: event.type };
    const ignore = async () => {
      await repository.ignore(handled);
      return "ignored" as const;
    };
    switch (event.type) {
      case "payment_intent.succeeded": {
        const intent = event.data.object;
        const payment = await paymentOf(intent.id);
        if (!payment || intent.status !== "succeeded") return await ignore();
        return await settlement.succeeded(payment, handled);
      }
      case "payment_intent.payment_failed": {
        const intent = event.data.object;
        const payment = await paymentOf(intent.id);
        if (!payment || intent.status === "succeeded") return await ignore();
        const error = intent.last_payment_error;
        const reason = error?.decline_code ?? error?.code ?? "payment_failed";
        return await settlement.failed(payment, reason, {
          releaseStock: "required",
          event: handled,
        });
      }
      case "charge.refunded": {
        const charge = event.data.object;
        // Only a full refund ends a payment; partial ones are not made here.
        if (!charge.refunded) return await ignore();
        const intentId = typeof charge.payment_intent === "string"
          ? charge.payment_intent
          : charge.payment_intent?.id;
        const payment = await paymentOf(intentId);
        if (!payment) return await ignore();
        return await settlement.refunded(payment, handled);
      }
      default:
        return await ignore();
    }
  }

  return {
    async handle(rawBody, signature) {
      let event: Stripe.Event;
      try {
        event = await verifier.verify(rawBody, signature, now());
      } catch (error) {
        if (!(error instanceof InvalidSignature)) throw error;
        metrics.webhook("unknown", "invalid_signature");
        throw new Problem(queueProblems.INVALID_SIGNATURE, error.message);
      }
      if (await repository.handled(event.id)) {
        metrics.webhook(event.type, "duplicate");
        return "duplicate";
      }
      let result: Settled;
      try {
        result = await dispatch(event);
      } catch (error) {
        metrics.webhook(event.type, "failed");
        if (error instanceof SettleLater) {
          log.warn("webhook not settled; the provider will retry", {
            eventId: event.id,
            type: event.type,
            peer: error.peer,
          });
          throw new Problem(
            error.peer === "inventory"
              ? paymentsProblems.INVENTORY_UNAVAILABLE
              : paymentsProblems.PROVIDER_UNAVAILABLE,
            "The event cannot be handled now; deliver it again later.",
            { headers: { "retry-after": "5" } },
          );
        }
        throw error;
      }
      metrics.webhook(event.type, result);
      metrics.lag(now().getTime() / 1000 - event.created);
      return result;
    },
  };
}
