/**
 * Postgres tables of the auth domain: all of them live in the `auth` schema.
 * @module
 */
import { pgSchema } from "drizzle-orm/pg-core";

export const authSchema = pgSchema("auth");
