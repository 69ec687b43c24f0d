/**
 * Postgres tables of the webhooks domain, all in the `webhooks` schema:
 * members' subscriptions, one delivery per event and subscription, and each
 * attempt of a delivery (the delivery log).
 *
 * @module
 */
import {
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import {
  erasedUsersTable,
  outboxTable,
  processedMessagesTable,
} from "../../shared/events/tables.ts";

export const webhooksSchema = pgSchema("webhooks");

/**
 * A member's endpoint and the events it wants. The signing secret is kept
 * as issued (Standard Webhooks signs with the secret itself, so it cannot be
 * hashed); after a rotation the previous one also signs until it expires.
 */
export const subscriptions = webhooksSchema.table("subscriptions", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull(),
  /** The owner's role when subscribing: admin-only events go to admins' subscriptions alone. */
  ownerRole: text("owner_role", { enum: ["member", "admin"] }).notNull(),
  url: text("url").notNull(),
  events: jsonb("events").$type<string[]>().notNull(),
  description: text("description"),
  enabled: boolean("enabled").notNull().default(true),
  /** Why it was disabled by the platform (null when enabled, or disabled by its owner). */
  disabledReason: text("disabled_reason"),
  secret: text("secret").notNull(),
  previousSecret: text("previous_secret"),
  previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
  /** Deliveries in a row that exhausted every attempt; any success resets it. */
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [index("subscriptions_user_id_created_at_idx").on(table.userId, table.createdAt)]);

/** One event for one subscription: its `webhook-id`, the payload as sent, and where it stands. */
export const deliveries = webhooksSchema.table("deliveries", {
  /** `msg_…`: the `webhook-id`, the same on every attempt (receivers dedupe by it). */
  id: text("id").primaryKey(),
  subscriptionId: text("subscription_id").notNull()
    .references(() => subscriptions.id, { onDelete: "cascade" }),
  eventType: text("event_type").notNull(),
  /** The exact JSON body sent (`{ type, timestamp, data }`). */
  body: text("body").notNull(),
  status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull()
    .default("pending"),
  attempts: integer("attempts").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** When the next scheduled attempt is due (null when none is). */
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
}, (table) => [
  index("deliveries_subscription_id_created_at_idx").on(table.subscriptionId, table.createdAt),
]);

/** One attempt of a delivery: the log its owner reads. */
export const attempts = webhooksSchema.table("attempts", {
  deliveryId: text("delivery_id").notNull()
    .references(() => deliveries.id, { onDelete: "cascade" }),
  attempt: integer("attempt").notNull(),
  outcome: text("outcome", { enum: ["succeeded", "failed", "refused"] }).notNull(),
  /** The receiver's HTTP status (null when none came: timeout, network, refused address). */
  responseStatus: integer("response_status"),
  /** The first bytes of the receiver's answer, or why there was none. */
  responseExcerpt: text("response_excerpt"),
  latencyMs: integer("latency_ms").notNull(),
  attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull(),
}, (table) => [primaryKey({ columns: [table.deliveryId, table.attempt] })]);

/** Events already handled. */
export const processedMessages = processedMessagesTable(webhooksSchema);

/** Members erased here: late events about them create no delivery. */
export const erasedUsers = erasedUsersTable(webhooksSchema);

/** Events the worker publishes (WebhookAttemptDue to itself, WebhookDisabled to notifications). */
export const outbox = outboxTable(webhooksSchema);
