/**
 * Postgres tables of the notifications domain: all of them live in the `notifications` schema.
 * @module
 */
import { pgSchema } from "drizzle-orm/pg-core";

export const notificationsSchema = pgSchema("notifications");
