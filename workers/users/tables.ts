/**
 * Postgres tables of the users domain: all of them live in the `users` schema.
 *
 * @module
 */
import { outboxTable } from "../../shared/events/tables.ts";
import { integer, jsonb, pgSchema, text, timestamp } from "drizzle-orm/pg-core";

export const usersSchema = pgSchema("users");

/** A member's profile. The id is the auth identity's id; the role lives in auth (and the token). */
export const profiles = usersSchema.table("profiles", {
  userId: text("user_id").primaryKey(),
  email: text("email").notNull(),
  displayName: text("display_name").notNull(),
  bio: text("bio").notNull().default(""),
  units: text("units", { enum: ["metric", "imperial"] }).notNull().default("metric"),
  /** An IANA zone name, validated on write. */
  timezone: text("timezone").notNull().default("UTC"),
  goals: jsonb("goals").$type<string[]>().notNull().default([]),
  /** Bumped on every change; the ETag is derived from it (optimistic concurrency with If-Match). */
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Events of the users domain (ProfileUpdated), written with their change. */
export const outbox = outboxTable(usersSchema);
