/**
 * The payments use cases: plans, checkout, confirmation, refunds and
 * memberships. Webhook outcomes live in ./webhooks.ts, the settling of an
 * outcome (shared by both) in ./settle.ts.
 *
 * Checkout, in order: count it against the member's rate limit (unless it
 * replays a key) → claim the idempotency key, within the cap on open
 * payments → reserve the stock for the hold (reservation id = payment id,
 * ./limits.ts) → price it on the server from the
 * reservation's lines and the plan → create the PaymentIntent (idempotency
 * key derived from the payment id) → store the payment with the answer.
 * A failure on any step undoes the earlier ones: the reservation is released
 * and the claim forgotten, so nothing is left half-done and a retry can
 * succeed.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import { paymentsProblems } from "./problems.ts";
import { inventoryProblems } from "../inventory/contracts.ts";
import { type FieldError, platformProblems, Problem } from "../../shared/http/problem.ts";
import type { RateLimitState } from "../../shared/http/rate_limit.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { CheckoutRateLimiter } from "./checkout_rate_limit.ts";
import type { IdempotencyRepository } from "./idempotency.ts";
import { requestHash } from "./idempotency.ts";
import { paymentIdPattern, randomId } from "./ids.ts";
import type { InventoryPort, Reservation } from "./inventory_port.ts";
import type { PaymentsMetrics } from "./metrics.ts";
import type { OpenPaymentsGate } from "./open_payments.ts";
import { type PaymentProvider, ProviderError } from "./providers/port.ts";
import type { MembershipRow, PaymentRow, PaymentsRepository, PlanRow } from "./repository.ts";
import type { Checkout, MembershipBody, PaymentBody, PlanBody } from "./schema.ts";
import type { Settlement } from "./settle.ts";
import type { PaymentLine, PaymentStatus } from "./tables.ts";

/** What the service needs. */
export interface PaymentsServiceDeps {
  repository: PaymentsRepository;
  idempotency: IdempotencyRepository;
  provider: PaymentProvider;
  inventory: InventoryPort;
  settlement: Settlement;
  metrics: PaymentsMetrics;
  /** Refuses a member's checkout past their open payments (in the claim's transaction). */
  openPayments: OpenPaymentsGate;
  /** Counts a member's new checkout; 429 past the limit. */
  checkoutRate: CheckoutRateLimiter;
  /** How long a checkout's stock stays reserved. */
  holdSeconds: number;
  now: () => Date;
  log: Logger;
}

/** The answer of a checkout: the first one, or its replay. */
export interface CheckoutAnswer {
  status: number;
  payment: PaymentBody;
  replayed: boolean;
  /** Where the member stands in the checkout rate limit (unknown for a replay). */
  rateLimit?: RateLimitState;
}

/** The payments use cases. */
export interface PaymentsService {
  listPlans(): Promise<PlanBody[]>;
  checkout(userId: string, idempotencyKey: string, input: Checkout): Promise<CheckoutAnswer>;
  confirm(userId: string, id: string, paymentMethod: string): Promise<{
    id: string;
    status: PaymentStatus;
  }>;
  /** 404 PAYMENT_NOT_FOUND unless it is the member's own. */
  get(userId: string, id: string): Promise<PaymentBody>;
  /** Asks the provider to refund a succeeded payment; `charge.refunded` reflects it. */
  refund(id: string): Promise<{ payment: PaymentBody; refund: { id: string; status: string } }>;
  membership(userId: string): Promise<MembershipBody>;
}

/** The wire shape of a plan. */
export function planBody(plan: PlanRow): PlanBody {
  return {
    id: plan.id,
    name: plan.name,
    interval: plan.interval,
    priceCents: plan.priceCents,
    currency: plan.currency,
  };
}

/** The wire shape of a payment. */
export function paymentBody(payment: PaymentRow): PaymentBody {
  return {
    id: payment.id,
    status: payment.status,
    amountCents: payment.amountCents,
    currency: payment.currency,
    clientSecret: payment.clientSecret,
    items: payment.items.map(({ sku, name, quantity, unitPriceCents }) => ({
      sku,
      name,
      quantity,
      unitPriceCents,
    })),
    planId: payment.planId,
    failureReason: payment.failureReason,
    createdAt: payment.createdAt.toISOString(),
  };
}

function membershipBody(row: MembershipRow | undefined, now: Date): MembershipBody {
  if (!row) return { active: false, planId: null, currentPeriodEnd: null };
  return {
    active: row.currentPeriodEnd.getTime() > now.getTime(),
    planId: row.planId,
    currentPeriodEnd: row.currentPeriodEnd.toISOString(),
  };
}

function invalid(errors: FieldError[]): Problem {
  return new Problem(platformProblems.VALIDATION_FAILED, "The request body is not valid.", {
    errors,
  });
}

/**
 * Inventory's pointer into the reservation's lines as a pointer into the
 * checkout's items, which were sent as those lines in the same order.
 */
function itemsPointer(linesPointer: string): string {
  const lines = /^\/lines(?=\/|$)/;
  return lines.test(linesPointer) ? linesPointer.replace(lines, "/items") : "/items";
}

/** A 4xx answer as stored for replay (the request id is the replay's own). */
interface StoredProblem {
  problem: {
    code: string;
    title: string;
    detail: string;
    errors?: FieldError[];
    extensions: unknown;
  };
}

const inUse = () =>
  new Problem(
    paymentsProblems.IDEMPOTENCY_KEY_IN_USE,
    "A request with this Idempotency-Key is still being processed; retry shortly.",
    { headers: { "retry-after": "1" } },
  );

/** The payments use cases over `deps`. */
export function createPaymentsService(deps: PaymentsServiceDeps): PaymentsService {
  const { repository, idempotency, provider, inventory, settlement, metrics, now, log } = deps;
  const { openPayments, checkoutRate, holdSeconds } = deps;

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

  /** Gives reserved stock back after a failed checkout; inventory's expiry is the safety net. */
  async function releaseQuietly(reservationId: string, userId: string): Promise<void> {
    try {
      await inventory.release(reservationId, userId);
    } catch (error) {
      log.warn("cannot release a reservation; it will expire", {
        reservationId,
        error: describeError(error),
      });
    }
  }

  /** Reserves the lines, or throws the answer the client gets. */
  async function reserve(userId: string, paymentId: string, items: NonNullable<Checkout["items"]>) {
    let result: Awaited<ReturnType<InventoryPort["reserve"]>>;
    try {
      result = await inventory.reserve({
        reservationId: paymentId,
        lines: items,
        expiresInSeconds: holdSeconds,
        actor: userId,
      });
    } catch (error) {
      // It may have reserved before the answer was lost.
      await releaseQuietly(paymentId, userId);
      throw new Problem(
        paymentsProblems.INVENTORY_UNAVAILABLE,
        "The inventory is unavailable; try again.",
        {
          headers: { "retry-after": "1" },
          cause: error,
        },
      );
    }
    if (result.ok) return result.reservation;
    const { code, detail, errors } = result.problem;
    if (code === inventoryProblems.INSUFFICIENT_STOCK.code) {
      throw new Problem(paymentsProblems.INSUFFICIENT_STOCK, detail);
    }
    // Unknown, unsellable or mixed-currency items: inventory points at the lines it refused.
    const refused = errors?.length ? errors : [{ pointer: "/lines", detail }];
    throw invalid(refused.map((error) => ({ ...error, pointer: itemsPointer(error.pointer) })));
  }

  /** Creates the payment (the idempotency key is claimed); its answer is stored with it. */
  async function execute(userId: string, key: string, input: Checkout): Promise<PaymentBody> {
    const plan = input.planId ? await repository.findPlan(input.planId) : undefined;
    if (input.planId && !plan) throw invalid([{ pointer: "/planId", detail: "is not a plan" }]);
    const id = randomId("pay");
    let reservation: Reservation | undefined;
    if (input.items) reservation = await reserve(userId, id, input.items);
    const undo = async () => {
      if (reservation) await releaseQuietly(reservation.id, userId);
    };
    try {
      const lines = reservation?.lines ?? [];
      const currencies = new Set([
        ...lines.map((line) => line.currency),
        ...plan ? [plan.currency] : [],
      ]);
      if (currencies.size !== 1) {
        throw invalid([{ pointer: "", detail: "the items and the plan must share one currency" }]);
      }
      const [currency] = currencies;
      const amountCents = lines.reduce((sum, line) =>
        sum + line.quantity * line.unitPriceCents, 0) +
        (plan?.priceCents ?? 0);
      if (amountCents <= 0) throw invalid([{ pointer: "", detail: "there is nothing to pay" }]);
      let intent;
      try {
        intent = await provider.createIntent({
          amountCents,
          currency,
          metadata: { paymentId: id, ...(reservation ? { reservationId: reservation.id } : {}) },
          idempotencyKey: `payment:${id}`,
        });
      } catch (error) {
        log.warn("cannot create a payment intent", { paymentId: id, error: describeError(error) });
        throw new Problem(
          paymentsProblems.PROVIDER_UNAVAILABLE,
          "The payment provider is unavailable; try again.",
          {
            headers: { "retry-after": "1" },
            cause: error,
          },
        );
      }
      const at = now();
      const items: PaymentLine[] = lines.map(({ sku, name, quantity, unitPriceCents }) => ({
        sku,
        name,
        quantity,
        unitPriceCents,
      }));
      const row: PaymentRow = {
        id,
        userId,
        status: "requires_confirmation",
        amountCents,
        currency,
        planId: plan?.id ?? null,
        items,
        reservationId: reservation?.id ?? null,
        intentId: intent.id,
        clientSecret: intent.clientSecret,
        paymentMethod: null,
        failureReason: null,
        createdAt: at,
        updatedAt: at,
        succeededAt: null,
        failedAt: null,
        refundedAt: null,
      };
      const body = paymentBody(row);
      await repository.insert(
        row,
        (tx) => idempotency.complete(userId, key, { status: 201, body, paymentId: id }, tx),
      );
      metrics.payment("requires_confirmation");
      return body;
    } catch (error) {
      await undo();
      throw error;
    }
  }

  return {
    async listPlans() {
      return (await repository.listPlans()).map(planBody);
    },

    async checkout(userId, key, input) {
      const hash = await requestHash(input);
      // A replay creates nothing, so only a new key counts (and a replay is never refused).
      const rateLimit = await idempotency.find(userId, key)
        ? undefined
        : await checkoutRate(userId);
      const at = now();
      const claim = await idempotency.claim(userId, key, hash, at, openPayments(userId, at));
      if (!claim.claimed) {
        const { row } = claim;
        if (!row) throw inUse(); // released by a failed request a moment ago
        if (row.requestHash !== hash) {
          throw new Problem(
            paymentsProblems.IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key was used with another request body; use a new key.",
          );
        }
        if (row.state === "in_progress") throw inUse();
        if (row.responseStatus! >= 400) {
          const { problem } = row.responseBody as StoredProblem;
          throw Problem.relayed({ status: row.responseStatus!, ...problem }, {
            extensions: problem.extensions as Record<string, unknown>,
            headers: { "idempotent-replayed": "true" },
          });
        }
        return {
          status: row.responseStatus!,
          payment: row.responseBody as PaymentBody,
          replayed: true,
        };
      }
      try {
        const payment = await execute(userId, key, input);
        return { status: 201, payment, replayed: false, rateLimit };
      } catch (error) {
        if (error instanceof Problem && error.status < 500) {
          // A refusal is the key's answer, as at Stripe: the same request gets it again.
          const stored: StoredProblem = {
            problem: {
              code: error.code,
              title: error.title,
              detail: error.detail,
              errors: error.errors,
              extensions: error.extensions,
            },
          };
          await idempotency.complete(userId, key, { status: error.status, body: stored })
            .catch(() => idempotency.release(userId, key));
        } else {
          await idempotency.release(userId, key);
        }
        throw error;
      }
    },

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
      }
      const current = await repository.find(payment.id);
      return { id: payment.id, status: current!.status };
    },

    async get(userId, id) {
      return paymentBody(await ownPayment(userId, id));
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
