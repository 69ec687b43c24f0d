/**
 * Postgres tables of the notifications domain: all of them live in the `notifications` schema.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  erasedUsersTable,
  outboxTable,
  processedMessagesTable,
} from "../../shared/events/tables.ts";

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
  /** On by default: a push goes only to a device the member registered (the OS asked them first). */
  push: boolean("push").notNull().default(true),
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

/** The phones and browsers that get a member's push notifications (Expo push tokens). */
export const devices = notificationsSchema.table("devices", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull(),
  /** `ExponentPushToken[…]` or `ExpoPushToken[…]`: one device, so one owner at a time. */
  expoPushToken: text("expo_push_token").notNull(),
  /** `ios`, `android` or `web`. */
  platform: text("platform").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  uniqueIndex("devices_expo_push_token_idx").on(table.expoPushToken),
  index("devices_user_id_created_at_idx").on(table.userId, table.createdAt, table.id),
]);

/**
 * Expo push tickets awaiting their receipt: Expo tells whether a message
 * reached Apple or Google only later, by ticket id (./push_receipts.ts).
 */
export const pushTickets = notificationsSchema.table("push_tickets", {
  /** Expo's ticket id. */
  id: text("id").primaryKey(),
  deviceId: text("device_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [index("push_tickets_created_at_idx").on(table.createdAt)]);

/** Events already handled: a redelivery has no second effect. */
export const processedMessages = processedMessagesTable(notificationsSchema);

/** Events this worker publishes (`PushRequested`, to itself), written with the change. */
export const outbox = outboxTable(notificationsSchema);

/** Members erased here: late events about them are not applied (shared/events/consumer.ts). */
export const erasedUsers = erasedUsersTable(notificationsSchema);
