/**
 * Settling a payment's outcome, whoever learnt it first (the confirm call,
 * or a webhook): the calls to inventory and the provider that must happen
 * before the local transaction, then the transaction itself
 * (./repository.ts), which moves the payment only once.
 *
 * A call that cannot reach inventory or the provider throws
 * {@linkcode SettleLater}: the webhook answers 503 and Stripe delivers it
 * again later; nothing local changed.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { InventoryPort } from "./inventory_port.ts";
import type { PaymentsMetrics } from "./metrics.ts";
import type { PaymentProvider } from "./providers/port.ts";
import type { HandledEvent, PaymentRow, PaymentsRepository, Settled } from "./repository.ts";

/** A peer could not be reached: try the whole settlement again later. */
export class SettleLater extends Error {
  constructor(readonly peer: "inventory" | "provider", options?: { cause?: unknown }) {
    super(`Cannot settle the payment now: the ${peer} is unavailable`, options);
    this.name = "SettleLater";
  }
}

/** The reason of a payment refunded at once because its stock was gone. */
export const outOfStockReason = "out_of_stock";

/** The outcomes of payments. */
export interface Settlement {
  /** Sells the reserved stock and fulfils; refunds at once when the stock is gone. */
  succeeded(payment: PaymentRow, event?: HandledEvent): Promise<Settled>;
  /**
   * Gives the stock back and marks the payment failed. `releaseStock:
   * "required"` (webhooks) throws when inventory is unreachable; "quietly"
   * (the confirm call) leaves the reservation to expire instead.
   */
  failed(
    payment: PaymentRow,
    reason: string,
    options: { releaseStock: "required" | "quietly"; event?: HandledEvent },
  ): Promise<Settled>;
  refunded(payment: PaymentRow, event?: HandledEvent): Promise<Settled>;
}

/** What settling needs. */
export interface SettlementDeps {
  repository: PaymentsRepository;
  inventory: InventoryPort;
  provider: PaymentProvider;
  metrics: PaymentsMetrics;
  now: () => Date;
  log: Logger;
}

/** The settlement over `deps`. */
export function createSettlement(deps: SettlementDeps): Settlement {
  const { repository, inventory, provider, metrics, now, log } = deps;

  async function ignore(event: HandledEvent | undefined): Promise<Settled> {
    if (event) await repository.ignore(event);
    return "ignored";
  }

  function counted(status: string, payment: PaymentRow) {
    return (result: Settled) => {
      if (result === "processed") metrics.payment(status, payment);
      return result;
    };
  }

  /** The money came but the stock is gone: pay it back and give the order up. */
  async function refundOutOfStock(payment: PaymentRow, event?: HandledEvent): Promise<Settled> {
    if (payment.refundedAt) return await ignore(event);
    try {
      await provider.refund(payment.intentId, {
        idempotencyKey: `refund:${payment.id}`,
        reason: outOfStockReason,
      });
    } catch (error) {
      throw new SettleLater("provider", { cause: error });
    }
    const at = now();
    log.warn("payment refunded: its stock was gone", { paymentId: payment.id });
    return await repository.settleFailed(payment, {
      reason: outOfStockReason,
      at,
      refundedAt: at,
      from: ["requires_confirmation", "processing", "failed"],
    }, event).then(counted("failed", payment));
  }

  return {
    async succeeded(payment, event) {
      if (payment.status === "succeeded" || payment.status === "refunded") {
        return await ignore(event);
      }
      if (payment.reservationId) {
        let sold;
        try {
          sold = await inventory.commit(payment.reservationId, payment.userId);
        } catch (error) {
          throw new SettleLater("inventory", { cause: error });
        }
        if (!sold.ok) return await refundOutOfStock(payment, event);
      }
      return await repository.settleSucceeded(payment, now(), event).then(
        counted("succeeded", payment),
      );
    },

    async failed(payment, reason, { releaseStock, event }) {
      if (payment.status !== "requires_confirmation" && payment.status !== "processing") {
        return await ignore(event);
      }
      if (payment.reservationId) {
        try {
          const released = await inventory.release(payment.reservationId, payment.userId);
          if (!released.ok) {
            log.warn("reservation not released", {
              paymentId: payment.id,
              code: released.problem.code,
            });
          }
        } catch (error) {
          if (releaseStock === "required") throw new SettleLater("inventory", { cause: error });
          log.warn("cannot release a reservation; it will expire", {
            paymentId: payment.id,
            error: describeError(error),
          });
        }
      }
      return await repository.settleFailed(payment, { reason, at: now() }, event)
        .then(counted("failed", payment));
    },

    async refunded(payment, event) {
      if (payment.status !== "succeeded") return await ignore(event);
      return await repository.settleRefunded(payment, now(), event).then(
        counted("refunded", payment),
      );
    },
  };
}
