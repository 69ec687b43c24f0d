/**
 * How each public payments route is described in the OpenAPI document
 * (docs/openapi.md): ./routes.ts puts these first in each route's chain.
 *
 * @module
 */
import * as v from "valibot";
import { platformProblems } from "../../shared/http/problem.ts";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { id, instant, listOf, named, pageOf } from "../../shared/http/openapi/wire.ts";
import { queueProblems } from "../../shared/queue/signature.ts";
import { paymentsProblems } from "./problems.ts";
import { paymentStatuses, planIntervals } from "./tables.ts";

const plan = named(
  "MembershipPlan",
  v.object({
    id,
    name: v.string(),
    interval: v.picklist(planIntervals),
    priceCents: v.number(),
    currency: v.string(),
  }),
);

const paymentEntries = {
  id,
  status: v.picklist(paymentStatuses),
  amountCents: v.number(),
  currency: v.string(),
  clientSecret: v.pipe(v.string(), v.description("For the payment provider's client SDK.")),
  items: v.array(v.object({
    sku: v.string(),
    name: v.string(),
    quantity: v.number(),
    unitPriceCents: v.number(),
  })),
  planId: v.nullable(id),
  failureReason: v.nullable(v.string()),
  createdAt: instant,
};
const payment = named("Payment", v.object(paymentEntries), {
  id: "pay_9x2…",
  status: "requires_confirmation",
  amountCents: 2999,
  currency: "EUR",
  clientSecret: "pi_123_secret_456",
  items: [{ sku: "PROTEIN-1KG", name: "Whey protein 1 kg", quantity: 1, unitPriceCents: 2999 }],
  planId: null,
  failureReason: null,
  createdAt: "2026-03-01T09:00:00.000Z",
});

const membership = named(
  "Membership",
  v.object({ active: v.boolean(), planId: v.nullable(id), currentPeriodEnd: v.nullable(instant) }),
);

const checkoutProblems = [
  paymentsProblems.IDEMPOTENCY_KEY_REQUIRED,
  paymentsProblems.IDEMPOTENCY_KEY_INVALID,
  paymentsProblems.IDEMPOTENCY_KEY_REUSED,
  paymentsProblems.IDEMPOTENCY_KEY_IN_USE,
  paymentsProblems.TOO_MANY_OPEN_PAYMENTS,
  paymentsProblems.INSUFFICIENT_STOCK,
  paymentsProblems.INVENTORY_UNAVAILABLE,
  paymentsProblems.PROVIDER_UNAVAILABLE,
];

export const paymentsDocs = {
  plans: documented({
    summary: "Membership plans",
    tag: "Payments",
    access: "public",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: {
        description: "Every plan",
        body: listOf("MembershipPlanList", plan),
        headers: ["ETag"],
      },
      304: { description: "Not modified: If-None-Match names the current tag", headers: ["ETag"] },
    },
  }),
  checkout: documented({
    summary: "Start a payment for items and/or a plan",
    description: "Stock for `items` is reserved for a limited time. Same `Idempotency-Key` and " +
      "body: the original answer; same key and another body: 409 `IDEMPOTENCY_KEY_REUSED`.",
    tag: "Payments",
    access: "session",
    requestHeaders: [{ name: "Idempotency-Key", required: true }],
    responses: {
      201: {
        description: "The payment, to confirm",
        body: payment,
        headers: ["Location", "Idempotent-Replayed", "RateLimit-Policy", "RateLimit"],
      },
    },
    problems: checkoutProblems,
  }),
  list: documented({
    summary: "The caller's payment history, newest first",
    tag: "Payments",
    access: "member",
    scope: "payments:read",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: {
        description: "A page of payments",
        body: pageOf("PaymentPage", payment),
        headers: ["ETag", "Cache-Control", "Link"],
      },
      304: { description: "Not modified: If-None-Match names the current tag", headers: ["ETag"] },
    },
  }),
  get: documented({
    summary: "One of the caller's payments",
    tag: "Payments",
    access: "member",
    scope: "payments:read",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: { description: "The payment", body: payment, headers: ["ETag"] },
      304: { description: "Not modified: If-None-Match names the current tag", headers: ["ETag"] },
    },
    problems: [paymentsProblems.PAYMENT_NOT_FOUND],
  }),
  confirm: documented({
    summary: "Confirm a payment with a payment method",
    description: "Stripe's test methods behave as in test mode: `pm_card_visa` succeeds, " +
      "`pm_card_chargeDeclined` fails.",
    tag: "Payments",
    access: "session",
    responses: {
      200: {
        description:
          "The payment's id and status (succeeded or failed arrives by the provider's webhook)",
        body: named(
          "PaymentConfirmation",
          v.object({ id, status: v.picklist(paymentStatuses) }),
          { id: "pay_0r6VDuZscoHh6fdkdlWGjrQe", status: "processing" },
        ),
      },
    },
    problems: [
      paymentsProblems.PAYMENT_NOT_FOUND,
      paymentsProblems.PAYMENT_NOT_CONFIRMABLE,
      paymentsProblems.UNKNOWN_PAYMENT_METHOD,
      paymentsProblems.PROVIDER_UNAVAILABLE,
    ],
  }),
  membership: documented({
    summary: "The caller's membership",
    tag: "Payments",
    access: "member",
    scope: "payments:read",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: { description: "The membership", body: membership, headers: ["ETag"] },
      304: { description: "Not modified: If-None-Match names the current tag", headers: ["ETag"] },
    },
  }),
  refund: documented({
    summary: "Refund a payment (admins)",
    description: "Accepted: the payment reads `refunded` once the provider confirms.",
    tag: "Admin",
    access: "admin",
    responses: {
      202: {
        description: "The refund is under way",
        body: named(
          "RefundAccepted",
          v.object({ ...paymentEntries, refund: v.object({ id, status: v.string() }) }),
        ),
      },
    },
    problems: [
      paymentsProblems.PAYMENT_NOT_FOUND,
      paymentsProblems.PAYMENT_NOT_REFUNDABLE,
      paymentsProblems.PROVIDER_UNAVAILABLE,
    ],
  }),
  stripeWebhook: documented({
    summary: "Stripe events (signed with `Stripe-Signature`)",
    description: "Verified against the raw body; duplicates and out-of-order events are harmless.",
    tag: "Webhooks",
    access: "signed",
    requestBody: { mediaType: "application/json", schema: { type: "object" } },
    responses: {
      200: {
        description: "Received",
        body: v.object({
          received: v.literal(true),
          result: v.picklist(["processed", "ignored", "duplicate"]),
        }),
      },
    },
    problems: [
      queueProblems.INVALID_SIGNATURE,
      paymentsProblems.INVENTORY_UNAVAILABLE,
      paymentsProblems.PROVIDER_UNAVAILABLE,
      platformProblems.BAD_REQUEST,
    ],
  }),
};
