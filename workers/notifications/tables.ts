/**
 * Postgres tables of the notifications domain: all of them live in the `notifications` schema.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgSchema, text, timestamp } from "drizzle-orm/pg-core";
import { erasedUsersTable, processedMessagesTable } from "../../shared/events/tables.ts";

export const notificationsSchema = pgSchema("notifications");

/** Each member's inbox. */
export const inbox = notificationsSchema.table("inbox", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull(),
  /** `welcome`, `personal_record`, `payment_succeeded`, `payment_failed`, `report_ready`, `low_stock`, `webhook_disabled`. */
  type: text("type").notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  data: jsonb("data").notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp("read_at", { withTimezone: true }),
}, (table) => [
  index("inbox_user_id_created_at_idx").on(table.userId, table.createdAt, table.id),
  index("inbox_unread_idx").on(table.userId, table.createdAt, table.id)
    .where(sql`read_at is null`),
]);

/** What each member wants, and what delivery needs to know about them (kept from events). */
export const preferences = notificationsSchema.table("preferences", {
  userId: text("user_id").primaryKey(),
  inApp: boolean("in_app").notNull().default(true),
  email: boolean("email").notNull().default(true),
  push: boolean("push").notNull().default(false),
  /** `HH:MM` in the member's timezone; both or neither. */
  quietStart: text("quiet_start"),
  quietEnd: text("quiet_end"),
  /** From `ProfileUpdated`; UTC until the member sets one. */
  timezone: text("timezone").notNull().default("UTC"),
  /** From `UserRegistered`: where email notifications go. */
  emailAddress: text("email_address"),
  displayName: text("display_name").notNull().default(""),
  /** The profile version the timezone and display name come from (0: none yet). */
  profileVersion: integer("profile_version").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Events already handled: a redelivery has no second effect. */
export const processedMessages = processedMessagesTable(notificationsSchema);

/** Members erased here: late events about them are not applied (shared/events/consumer.ts). */
export const erasedUsers = erasedUsersTable(notificationsSchema);
