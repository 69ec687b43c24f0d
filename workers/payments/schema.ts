/**
 * Wire schemas of the payments worker: what its routes accept and answer.
 * Messages never echo the input.
 *
 * @module
 */
import * as v from "valibot";
import { cursorParam, limitParam } from "../../shared/http/paging.ts";
import { paymentIdPattern } from "./ids.ts";
import type { PaymentLine, PaymentStatus, PlanInterval } from "./tables.ts";

/** Most product lines one checkout may hold. */
export const maxLines = 50;

const skuSchema = v.pipe(
  v.string("must be a string"),
  v.minLength(1, "must not be empty"),
  v.maxLength(64, "must be at most 64 characters"),
);

const quantitySchema = v.pipe(
  v.number("must be an integer from 1 to 100"),
  v.integer("must be an integer from 1 to 100"),
  v.minValue(1, "must be an integer from 1 to 100"),
  v.maxValue(100, "must be an integer from 1 to 100"),
);

const lineSchema = v.strictObject({ sku: skuSchema, quantity: quantitySchema });

/** `POST /v1/payments`: products, a plan, or both. */
export const checkoutSchema = v.pipe(
  v.strictObject({
    items: v.optional(v.pipe(
      v.array(lineSchema, "must be an array"),
      v.minLength(1, "must not be empty (leave it out to buy only a plan)"),
      v.maxLength(maxLines, `must hold at most ${maxLines} lines`),
      v.check(
        (lines) => new Set(lines.map((line) => line.sku)).size === lines.length,
        "must not name a sku twice (raise its quantity instead)",
      ),
    )),
    planId: v.optional(v.pipe(
      v.string("must be a string"),
      v.minLength(1, "must not be empty"),
      v.maxLength(64, "must be at most 64 characters"),
    )),
  }),
  v.check(
    (body) => body.items !== undefined || body.planId !== undefined,
    "must hold items, a planId, or both",
  ),
);

/** A validated checkout body. */
export type Checkout = v.InferOutput<typeof checkoutSchema>;

/** `POST /v1/payments/:id/confirm`. */
export const confirmSchema = v.strictObject({
  paymentMethod: v.pipe(
    v.string("must be a string"),
    v.minLength(1, "must not be empty"),
    v.maxLength(255, "must be at most 255 characters"),
  ),
});

/** Where a page of a member's payments ends: the last (created_at to the microsecond, id). */
export interface PaymentCursor {
  /** `created_at` as Postgres renders it (`…T…:…:….123456Z`): a Date would drop microseconds. */
  at: string;
  id: string;
}

const paymentCursor = v.pipe(
  v.strictObject({
    k: v.literal("pa"),
    t: v.pipe(
      v.string(),
      v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
      v.check((text) => !Number.isNaN(Date.parse(text))),
    ),
    i: v.pipe(v.string(), v.regex(paymentIdPattern)),
  }),
  v.transform((c): PaymentCursor => ({ at: c.t, id: c.i })),
);

/** The cursor of the page after one ending at `last`. */
export const cursorOf = {
  payment: (last: PaymentCursor) => ({ k: "pa", t: last.at, i: last.id }),
};

/** `GET /v1/payments`: the member's payments, newest first; `limit` 1–100 (default 20), `cursor`. */
export const paymentListQuerySchema = v.object({
  limit: limitParam,
  cursor: cursorParam(paymentCursor),
});
export type PaymentListQuery = v.InferOutput<typeof paymentListQuerySchema>;

/** `Idempotency-Key`: 1–255 printable ASCII characters (Stripe's length limit). */
export const idempotencyKeyPattern = /^[\x20-\x7e]{1,255}$/;

/** A plan as sent. */
export interface PlanBody {
  id: string;
  name: string;
  interval: PlanInterval;
  priceCents: number;
  currency: string;
}

/** A payment as sent. */
export interface PaymentBody {
  id: string;
  status: PaymentStatus;
  amountCents: number;
  currency: string;
  clientSecret: string;
  items: PaymentLine[];
  planId: string | null;
  failureReason: string | null;
  createdAt: string;
}

/** A membership as sent. */
export interface MembershipBody {
  active: boolean;
  planId: string | null;
  currentPeriodEnd: string | null;
}
