/**
 * Postgres tables of the users domain: all of them live in the `users` schema.
 * @module
 */
import { pgSchema } from "drizzle-orm/pg-core";

export const usersSchema = pgSchema("users");
