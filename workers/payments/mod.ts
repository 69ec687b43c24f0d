/**
 * The payments worker owns membership plans, payments through the provider (Stripe) and memberships.
 * Its tables live in the `payments` Postgres schema (./tables.ts).
 *
 * @module
 */
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";

/** What the payments worker needs. */
export type PaymentsDeps = DomainDeps;

/** The payments worker's Hono app; no side effects until it serves a request. */
export function createPaymentsWorker(deps: PaymentsDeps) {
  return createDomainApp("payments", deps);
}

/** The app's type, for typed clients (`hc<PaymentsApp>`). */
export type PaymentsApp = ReturnType<typeof createPaymentsWorker>;
