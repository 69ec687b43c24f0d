/**
 * Postgres tables of the analytics domain: all of them live in the `analytics`
 * schema and are fed only by events.
 *
 * @module
 */
import {
  doublePrecision,
  index,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { outboxTable, processedMessagesTable } from "../../shared/events/tables.ts";

export const analyticsSchema = pgSchema("analytics");

/** Members as analytics knows them (from UserRegistered / ProfileUpdated). */
export const members = analyticsSchema.table("members", {
  userId: text("user_id").primaryKey(),
  timezone: text("timezone").notNull().default("UTC"),
  registeredAt: timestamp("registered_at", { withTimezone: true }).notNull(),
}, (table) => [index("members_registered_at_idx").on(table.registeredAt)]);

/** One row per logged session (from SessionLogged). */
export const sessionFacts = analyticsSchema.table("session_facts", {
  sessionId: text("session_id").primaryKey(),
  userId: text("user_id").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  volumeKg: doublePrecision("volume_kg").notNull(),
  exerciseIds: jsonb("exercise_ids").$type<string[]>().notNull(),
}, (table) => [
  index("session_facts_user_id_started_at_idx").on(table.userId, table.startedAt),
  index("session_facts_started_at_idx").on(table.startedAt),
]);

/** Each member's personal records (from SessionLogged). */
export const recordFacts = analyticsSchema.table("record_facts", {
  userId: text("user_id").notNull(),
  exerciseId: text("exercise_id").notNull(),
  kind: text("kind").notNull(),
  value: doublePrecision("value").notNull(),
  sessionId: text("session_id").notNull(),
  achievedAt: timestamp("achieved_at", { withTimezone: true }).notNull(),
}, (table) => [primaryKey({ columns: [table.userId, table.exerciseId, table.kind] })]);

/** Reports requested by members, computed through the queue. */
export const reports = analyticsSchema.table("reports", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull(),
  kind: text("kind", { enum: ["progress", "volume", "exercise_history"] }).notNull(),
  params: jsonb("params").notNull(),
  status: text("status", { enum: ["pending", "ready", "failed"] }).notNull().default("pending"),
  result: jsonb("result"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
}, (table) => [index("reports_user_id_created_at_idx").on(table.userId, table.createdAt)]);

/** Revenue by payment (from payment events, later). */
export const revenueFacts = analyticsSchema.table("revenue_facts", {
  paymentId: text("payment_id").primaryKey(),
  userId: text("user_id"),
  amountCents: doublePrecision("amount_cents").notNull(),
  currency: text("currency").notNull(),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
}, (table) => [index("revenue_facts_occurred_at_idx").on(table.occurredAt)]);

/** Events already handled. */
export const processedMessages = processedMessagesTable(analyticsSchema);

/** Events analytics publishes (ReportRequested to itself, ReportReady to notifications). */
export const outbox = outboxTable(analyticsSchema);
