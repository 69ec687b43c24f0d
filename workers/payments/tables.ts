/**
 * Postgres tables of the payments domain: all of them live in the `payments` schema.
 *
 * `payments` is the ledger of checkouts; `idempotency_keys` holds the first
 * answer to each `Idempotency-Key` (one row per user and key: the unique key,
 * not a check-then-insert, decides which of concurrent requests runs);
 * `webhook_events` the Stripe event ids already handled. The `offline_*`
 * tables are the offline provider's own state (its PaymentIntents and the
 * webhook events it still has to deliver), so a restart keeps them.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { outboxTable, processedMessagesTable } from "../../shared/events/tables.ts";

export const paymentsSchema = pgSchema("payments");

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** How often a plan renews. */
export const planIntervals = ["month", "year"] as const;
export type PlanInterval = (typeof planIntervals)[number];

/** Membership plans, seeded by migration. */
export const plans = paymentsSchema.table("plans", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  interval: text("interval", { enum: planIntervals }).notNull(),
  priceCents: integer("price_cents").notNull(),
  currency: text("currency").notNull(),
  createdAt: createdAt(),
}, (table) => [
  check("plans_interval", sql`${table.interval} in ('month', 'year')`),
  check("plans_price_cents_positive", sql`${table.priceCents} > 0`),
  check("plans_currency_format", sql`${table.currency} ~ '^[A-Z]{3}$'`),
]);

/**
 * Where a payment is: created (`requires_confirmation`), confirmed and paid
 * but not yet fulfilled (`processing`), fulfilled (`succeeded`), declined or
 * given up (`failed`), or paid back (`refunded`).
 */
export const paymentStatuses = [
  "requires_confirmation",
  "processing",
  "succeeded",
  "failed",
  "refunded",
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** One product line of a payment, priced by inventory when it was reserved. */
export interface PaymentLine {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

/** Checkouts: what was bought, for how much, and where the payment is. */
export const payments = paymentsSchema.table("payments", {
  id: text("id").primaryKey(),
  /** The buyer, or a tombstone once they closed their account (the record stays). */
  userId: text("user_id").notNull(),
  status: text("status", { enum: paymentStatuses }).notNull(),
  amountCents: integer("amount_cents").notNull(),
  currency: text("currency").notNull(),
  planId: text("plan_id"),
  items: jsonb("items").$type<PaymentLine[]>().notNull(),
  /** The inventory reservation holding the items' stock; null without items. */
  reservationId: text("reservation_id"),
  /** The provider's PaymentIntent. */
  intentId: text("intent_id").notNull(),
  clientSecret: text("client_secret").notNull(),
  paymentMethod: text("payment_method"),
  /** Why it failed (a decline code, `out_of_stock`), safe to show the member. */
  failureReason: text("failure_reason"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  succeededAt: timestamp("succeeded_at", { withTimezone: true }),
  failedAt: timestamp("failed_at", { withTimezone: true }),
  refundedAt: timestamp("refunded_at", { withTimezone: true }),
}, (table) => [
  check(
    "payments_status",
    sql`${table.status} in ('requires_confirmation', 'processing', 'succeeded', 'failed', 'refunded')`,
  ),
  check("payments_amount_cents_positive", sql`${table.amountCents} > 0`),
  check("payments_currency_format", sql`${table.currency} ~ '^[A-Z]{3}$'`),
  uniqueIndex("payments_intent_id_key").on(table.intentId),
  index("payments_user_id_created_at_idx").on(table.userId, table.createdAt),
]);

/** The first request of an `Idempotency-Key`: running, or finished with its answer. */
export const idempotencyKeys = paymentsSchema.table("idempotency_keys", {
  userId: text("user_id").notNull(),
  key: text("key").notNull(),
  /** SHA-256 of the canonical request body: the same key with another body is refused. */
  requestHash: text("request_hash").notNull(),
  state: text("state", { enum: ["in_progress", "completed"] }).notNull(),
  /** When the running request claimed the key (a claim left by a crash is taken over later). */
  lockedAt: timestamp("locked_at", { withTimezone: true }).notNull(),
  responseStatus: integer("response_status"),
  responseBody: jsonb("response_body"),
  paymentId: text("payment_id"),
  createdAt: createdAt(),
}, (table) => [
  primaryKey({ columns: [table.userId, table.key] }),
  check("idempotency_keys_state", sql`${table.state} in ('in_progress', 'completed')`),
  index("idempotency_keys_created_at_idx").on(table.createdAt),
]);

/**
 * One row per member who checked out. Every claim of an idempotency key bumps
 * the member's row, so the claims of one member queue on its lock, and a
 * claim made in one statement can tell whether another committed since its
 * snapshot (./open_payments.ts).
 */
export const checkoutGates = paymentsSchema.table("checkout_gates", {
  userId: text("user_id").primaryKey(),
  claims: bigint("claims", { mode: "number" }).notNull(),
});

/** Each member's membership: active while `current_period_end` is in the future. */
export const memberships = paymentsSchema.table("memberships", {
  userId: text("user_id").primaryKey(),
  planId: text("plan_id").notNull(),
  currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Stripe events already handled: a redelivery has no second effect. */
export const webhookEvents = paymentsSchema.table("webhook_events", {
  eventId: text("event_id").primaryKey(),
  type: text("type").notNull(),
  /** processed, or ignored (nothing to do for it). */
  result: text("result").notNull(),
  processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The offline provider's PaymentIntents (Stripe's shape, in the columns it needs). */
export const offlineIntents = paymentsSchema.table("offline_intents", {
  id: text("id").primaryKey(),
  amount: integer("amount").notNull(),
  currency: text("currency").notNull(),
  /** Stripe's statuses: requires_payment_method, requires_confirmation, succeeded, canceled. */
  status: text("status").notNull(),
  clientSecret: text("client_secret").notNull(),
  metadata: jsonb("metadata").$type<Record<string, string>>().notNull(),
  /** The create request's Idempotency-Key: the same key returns the same intent. */
  idempotencyKey: text("idempotency_key"),
  paymentMethod: text("payment_method"),
  latestCharge: text("latest_charge"),
  lastPaymentError: jsonb("last_payment_error").$type<Record<string, string>>(),
  refundId: text("refund_id"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  uniqueIndex("offline_intents_idempotency_key_key").on(table.idempotencyKey),
]);

/** Webhook events the offline provider sends to `/webhooks/stripe`, until one is accepted. */
export const offlineEvents = paymentsSchema.table("offline_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  /** The exact JSON body that is signed and sent. */
  body: text("body").notNull(),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
  deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  lastError: text("last_error"),
  createdAt: createdAt(),
}, (table) => [
  index("offline_events_pending_idx").on(table.nextAttemptAt).where(sql`delivered_at is null`),
]);

/** Payment events, written in the same transaction as the change they announce. */
export const outbox = outboxTable(paymentsSchema);

/** Events already handled (UserDeleted): a redelivery has no second effect. */
export const processedMessages = processedMessagesTable(paymentsSchema);
