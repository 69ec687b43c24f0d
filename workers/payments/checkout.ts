/**
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
import { paymentBody } from "./bodies.ts";
import type { CheckoutRateLimiter } from "./checkout_rate_limit.ts";
import type { IdempotencyRepository } from "./idempotency.ts";
import { requestHash } from "./idempotency.ts";
import { randomId } from "./ids.ts";
import type { InventoryPort, Reservation } from "./inventory_port.ts";
import type { PaymentsMetrics } from "./metrics.ts";
import type { OpenPaymentsGate } from "./open_payments.ts";
import type { PaymentProvider } from "./providers/port.ts";
import type { PaymentRow, PaymentsRepository } from "./repository.ts";
import type { Checkout, PaymentBody } from "./schema.ts";
import type { PaymentLine } from "./tables.ts";

/** What checkout needs. */
export interface CheckoutDeps {
  repository: PaymentsRepository;
  idempotency: IdempotencyRepository;
  provider: PaymentProvider;
  inventory: InventoryPort;
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

/** Checks out: the new payment, or the key's stored answer when the request replays it. */
export type CheckoutUseCase = (
  userId: string,
  idempotencyKey: string,
  input: Checkout,
) => Promise<CheckoutAnswer>;

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

/** Checkout over `deps`. */
export function createCheckout(deps: CheckoutDeps): CheckoutUseCase {
  const { repository, idempotency, provider, inventory, metrics, now, log } = deps;
  const { openPayments, checkoutRate, holdSeconds } = deps;

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
        idempotency.completion(userId, key, { status: 201, body, paymentId: id }),
      );
      metrics.payment("requires_confirmation");
      return body;
    } catch (error) {
      await undo();
      throw error;
    }
  }

  return async function checkout(userId, key, input) {
    const hash = await requestHash(input);
    const at = now();
    // The claim tells a replay from a new key (no read first): a refusal of the cap on open
    // payments waits until the rate limit has had its say.
    let claim: Awaited<ReturnType<IdempotencyRepository["claim"]>> | undefined;
    let refusal: Problem | undefined;
    try {
      claim = await idempotency.claim(userId, key, hash, at, openPayments(userId, at));
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      refusal = error;
    }
    // A replay creates nothing, so only a new key counts (and a replay is never refused).
    let rateLimit: RateLimitState | undefined;
    if (!claim || claim.claimed) {
      try {
        rateLimit = await checkoutRate(userId);
      } catch (error) {
        if (claim?.claimed) await idempotency.release(userId, key);
        throw error;
      }
    }
    if (!claim) throw refusal;
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
  };
}
