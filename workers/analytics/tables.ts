/**
 * Postgres tables of the analytics domain: all of them live in the `analytics`
 * schema and are fed only by events.
 *
 * @module
 */
import {
  date,
  doublePrecision,
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

export const analyticsSchema = pgSchema("analytics");

/** Members as analytics knows them (from UserRegistered / ProfileUpdated). */
export const members = analyticsSchema.table("members", {
  userId: text("user_id").primaryKey(),
  timezone: text("timezone").notNull().default("UTC"),
  /** The profile version the timezone comes from (0: none yet). */
  profileVersion: integer("profile_version").notNull().default(0),
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

/**
 * The summary's running aggregates, kept by the SessionLogged consumer
 * (./aggregates.ts) so a summary reads a bounded number of rows whatever the
 * history: one row of totals per member (the row the consumer locks first,
 * so a member's aggregate updates run one at a time)…
 */
export const summaryTotals = analyticsSchema.table("summary_totals", {
  userId: text("user_id").primaryKey(),
  sessions: integer("sessions").notNull().default(0),
  volumeKg: doublePrecision("volume_kg").notNull().default(0),
  /** The longest run of consecutive local days ever trained (runs only grow or merge). */
  longestStreakDays: integer("longest_streak_days").notNull().default(0),
});

/** …sessions and volume per local week (its Monday, in the member's timezone)… */
export const weeklyTotals = analyticsSchema.table("weekly_totals", {
  userId: text("user_id").notNull(),
  weekStart: date("week_start", { mode: "string" }).notNull(),
  sessions: integer("sessions").notNull(),
  volumeKg: doublePrecision("volume_kg").notNull(),
}, (table) => [primaryKey({ columns: [table.userId, table.weekStart] })]);

/**
 * …and each run of consecutive local days with a session, so the current
 * streak is the one run touching today or yesterday, found by index.
 */
export const activeRuns = analyticsSchema.table("active_runs", {
  userId: text("user_id").notNull(),
  startDay: date("start_day", { mode: "string" }).notNull(),
  endDay: date("end_day", { mode: "string" }).notNull(),
}, (table) => [
  primaryKey({ columns: [table.userId, table.startDay] }),
  index("active_runs_user_id_end_day_idx").on(table.userId, table.endDay),
]);

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

/**
 * Revenue, one row per money movement: a `payment` (PaymentSucceeded, the
 * amount on the day it succeeded) and its `refund` (PaymentRefunded, the
 * amount negated on the day of the refund). A payment is refunded once, in
 * full; the key makes a second event for either a no-op. `user_id` is
 * nulled when the member is erased: the books keep the amount, not the person.
 */
export const revenueFacts = analyticsSchema.table("revenue_facts", {
  paymentId: text("payment_id").notNull(),
  kind: text("kind", { enum: ["payment", "refund"] }).notNull().default("payment"),
  userId: text("user_id"),
  /** Minor units of `currency`; negative for a refund. */
  amountCents: integer("amount_cents").notNull(),
  currency: text("currency").notNull(),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
}, (table) => [
  primaryKey({ columns: [table.paymentId, table.kind] }),
  index("revenue_facts_occurred_at_idx").on(table.occurredAt),
]);

/** Events already handled. */
export const processedMessages = processedMessagesTable(analyticsSchema);

/** Members erased here: late events about them are not applied (shared/events/consumer.ts). */
export const erasedUsers = erasedUsersTable(analyticsSchema);

/** Events analytics publishes (ReportRequested to itself, ReportReady to notifications). */
export const outbox = outboxTable(analyticsSchema);
