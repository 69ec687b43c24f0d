/**
 * The tables every event-driven domain has in its own Postgres schema: the
 * outbox it publishes from, and the messages it has already processed.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import { index, jsonb, type PgSchema, text, timestamp } from "drizzle-orm/pg-core";

/** `<schema>.outbox`: events written in the same transaction as their change. */
export function outboxTable(schema: PgSchema) {
  return schema.table("outbox", {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  }, (table) => [
    index(`${schema.schemaName}_outbox_unpublished_idx`).on(table.createdAt)
      .where(sql`published_at is null`),
  ]);
}

/** `<schema>.processed_messages`: one row per event id handled, so a redelivery has no effect. */
export function processedMessagesTable(schema: PgSchema) {
  return schema.table("processed_messages", {
    messageId: text("message_id").primaryKey(),
    type: text("type").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
  });
}

/**
 * `<schema>.erased_users`: members this worker erased on `UserDeleted`, so an
 * event about them that arrives later (queues do not keep order) cannot bring
 * their data back. It holds the opaque account id alone.
 */
export function erasedUsersTable(schema: PgSchema) {
  return schema.table("erased_users", {
    userId: text("user_id").primaryKey(),
    erasedAt: timestamp("erased_at", { withTimezone: true }).notNull().defaultNow(),
  });
}

/** An erased-users table, whichever schema it lives in. */
export type ErasedUsersTable = ReturnType<typeof erasedUsersTable>;

/** A processed-messages table, whichever schema it lives in. */
export type ProcessedMessagesTable = ReturnType<typeof processedMessagesTable>;
