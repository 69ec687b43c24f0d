/**
 * The payments domain's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/**
 * Codes only the payments worker raises (403, 404 and 422 come from the
 * platform's catalog; a webhook with a bad signature is the queue's 401
 * INVALID_SIGNATURE, shared/queue/signature.ts: one code, one status).
 */
export const paymentsProblems = defineProblems({
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: "Idempotency key required" },
  IDEMPOTENCY_KEY_INVALID: { status: 400, title: "Idempotency key invalid" },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: "Idempotency key reused" },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: "Idempotency key in use" },
  TOO_MANY_OPEN_PAYMENTS: { status: 409, title: "Too many open payments" },
  PAYMENT_NOT_FOUND: { status: 404, title: "Payment not found" },
  PAYMENT_NOT_CONFIRMABLE: { status: 409, title: "Payment cannot be confirmed" },
  PAYMENT_NOT_REFUNDABLE: { status: 409, title: "Payment cannot be refunded" },
  UNKNOWN_PAYMENT_METHOD: { status: 422, title: "Unknown payment method" },
  PROVIDER_UNAVAILABLE: { status: 503, title: "Payment provider unavailable" },
  INVENTORY_UNAVAILABLE: { status: 503, title: "Inventory unavailable" },
  /** Inventory's INSUFFICIENT_STOCK, passed on to the buyer. */
  INSUFFICIENT_STOCK: { status: 409, title: "Insufficient stock" },
});
