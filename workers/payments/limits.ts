/**
 * How much of the shop one member can tie up with checkouts they never pay.
 *
 * A checkout reserves stock for as long as its payment awaits confirmation,
 * so without bounds one member could hold a product's whole stock, and hold
 * it again with new keys as each reservation lapses. Three bounds, each
 * answering a different abuse:
 *
 * - `maxOpenPayments`: payments awaiting confirmation (and checkouts still
 *   running) per member; the next one is 409 TOO_MANY_OPEN_PAYMENTS and
 *   reserves nothing (./open_payments.ts).
 * - `holdSeconds`: how long a checkout's stock stays reserved; after it the
 *   payment no longer counts as open (it can still be confirmed: inventory
 *   sells the stock again if it is there).
 * - `rate`: new checkouts per member and window on the key-value store, so
 *   the provider and inventory are not hammered (./checkout_rate_limit.ts).
 *
 * @module
 */
import type { RateLimit } from "../../shared/http/rate_limit.ts";

/** The checkout bounds of one member. */
export interface CheckoutLimits {
  /** Payments awaiting confirmation a member may have at once (in-flight checkouts included). */
  maxOpenPayments: number;
  /** How long a checkout's stock is reserved, in seconds. */
  holdSeconds: number;
  /** New checkouts (replays excluded) a member may start per window. */
  rate: RateLimit;
}

/**
 * 5 open payments hold at most 5 × 100 units of a line for 10 minutes — a
 * member paying for several orders at once is served, one hoarding is not;
 * 20 checkouts per 10 minutes is far above what a person clicks.
 */
export const defaultCheckoutLimits: CheckoutLimits = {
  maxOpenPayments: 5,
  holdSeconds: 10 * 60,
  rate: { limit: 20, windowMs: 10 * 60_000 },
};
