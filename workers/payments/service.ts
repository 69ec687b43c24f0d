/**
 * The payments use cases: plans, confirmation, refunds and memberships here;
 * checkout in ./checkout.ts. Webhook outcomes live in ./webhooks.ts, the
 * settling of an outcome (shared by both) in ./settle.ts.
 *
 * @module
 */
import { paymentsProblems } from "./problems.ts";
import { Problem } from "../../shared/http/problem.ts";
import { membershipBody, paymentBody, planBody } from "./bodies.ts";
import { type CheckoutDeps, type CheckoutUseCase, createCheckout } from "./checkout.ts";
import { paymentIdPattern } from "./ids.ts";
import { ProviderError } from "./providers/port.ts";
import type { PaymentRow } from "./repository.ts";
import type { KeysetPage } from "../../shared/stores/postgres/keyset_page.ts";
import type {
  MembershipBody,
  PaymentBody,
  PaymentCursor,
  PaymentListQuery,
  PlanBody,
} from "./schema.ts";
import type { Settlement } from "./settle.ts";
import type { PaymentStatus } from "./tables.ts";

/** What the service needs: checkout's needs, and the settling of a declined payment. */
export interface PaymentsServiceDeps extends CheckoutDeps {
  settlement: Settlement;
}

/** The payments use cases. */
export interface PaymentsService {
  listPlans(): Promise<PlanBody[]>;
  checkout: CheckoutUseCase;
  confirm(userId: string, id: string, paymentMethod: string): Promise<{
    id: string;
    status: PaymentStatus;
  }>;
  /** 404 PAYMENT_NOT_FOUND unless it is the member's own. */
  get(userId: string, id: string): Promise<PaymentBody>;
  /** The member's own payments, newest first (keyset pages). */
  list(userId: string, query: PaymentListQuery): Promise<KeysetPage<PaymentBody, PaymentCursor>>;
  /** Asks the provider to refund a succeeded payment; `charge.refunded` reflects it. */
  refund(id: string): Promise<{ payment: PaymentBody; refund: { id: string; status: string } }>;
  membership(userId: string): Promise<MembershipBody>;
}

/** The payments use cases over `deps`. */
export function createPaymentsService(deps: PaymentsServiceDeps): PaymentsService {
  const { repository, provider, settlement, metrics, now } = deps;

  async function ownPayment(userId: string, id: string): Promise<PaymentRow> {
    const payment = paymentIdPattern.test(id) ? await repository.find(id) : undefined;
    if (!payment || payment.userId !== userId) {
      throw new Problem(
        paymentsProblems.PAYMENT_NOT_FOUND,
        "There is no payment of yours with this id.",
      );
    }
    return payment;
  }

  return {
    async listPlans() {
      return (await repository.listPlans()).map(planBody);
    },

    checkout: createCheckout(deps),

    async confirm(userId, id, paymentMethod) {
      const payment = await ownPayment(userId, id);
      if (payment.status !== "requires_confirmation") {
        throw new Problem(
          paymentsProblems.PAYMENT_NOT_CONFIRMABLE,
          `This payment is ${payment.status}; only a payment that requires confirmation can be confirmed.`,
          { extensions: { paymentStatus: payment.status } },
        );
      }
      let outcome;
      try {
        outcome = await provider.confirmIntent(payment.intentId, paymentMethod);
      } catch (error) {
        if (error instanceof ProviderError && error.kind === "unknown_payment_method") {
          throw new Problem(
            paymentsProblems.UNKNOWN_PAYMENT_METHOD,
            "There is no such payment method (in test mode: pm_card_visa, pm_card_chargeDeclined).",
          );
        }
        if (error instanceof ProviderError && error.kind === "rejected") {
          throw new Problem(
            paymentsProblems.PAYMENT_NOT_CONFIRMABLE,
            "The provider refused to confirm this payment.",
          );
        }
        throw new Problem(
          paymentsProblems.PROVIDER_UNAVAILABLE,
          "The payment provider is unavailable; try again.",
          {
            headers: { "retry-after": "1" },
            cause: error,
          },
        );
      }
      if (outcome.status === "failed") {
        // A decline is final for this payment: its stock goes back now, not when the webhook comes.
        await settlement.failed(payment, outcome.reason, { releaseStock: "quietly" });
      } else if (await repository.markProcessing(payment.id, paymentMethod, now())) {
        metrics.payment("processing");
        // Moved by this call: no need to read it again.
        return { id: payment.id, status: "processing" };
      }
      // Moved by someone else (the webhook came first): as it stands now.
      const current = await repository.find(payment.id);
      return { id: payment.id, status: current!.status };
    },

    async get(userId, id) {
      return paymentBody(await ownPayment(userId, id));
    },

    async list(userId, { limit, cursor }) {
      const page = await repository.listOf(userId, { limit, after: cursor });
      return { items: page.items.map(paymentBody), next: page.next };
    },

    async refund(id) {
      const payment = paymentIdPattern.test(id) ? await repository.find(id) : undefined;
      if (!payment) {
        throw new Problem(paymentsProblems.PAYMENT_NOT_FOUND, "There is no payment with this id.");
      }
      if (payment.status !== "succeeded") {
        throw new Problem(
          paymentsProblems.PAYMENT_NOT_REFUNDABLE,
          `This payment is ${payment.status}; only a succeeded payment can be refunded.`,
          { extensions: { paymentStatus: payment.status } },
        );
      }
      try {
        const refund = await provider.refund(payment.intentId, {
          idempotencyKey: `refund:${payment.id}`,
          reason: "requested_by_admin",
        });
        return { payment: paymentBody(payment), refund };
      } catch (error) {
        if (error instanceof ProviderError && error.kind === "rejected") {
          throw new Problem(
            paymentsProblems.PAYMENT_NOT_REFUNDABLE,
            "The provider refused to refund this payment.",
          );
        }
        throw new Problem(
          paymentsProblems.PROVIDER_UNAVAILABLE,
          "The payment provider is unavailable; try again.",
          {
            headers: { "retry-after": "1" },
            cause: error,
          },
        );
      }
    },

    async membership(userId) {
      return membershipBody(await repository.membership(userId), now());
    },
  };
}
