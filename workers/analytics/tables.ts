/**
 * Postgres tables of the analytics domain: all of them live in the `analytics` schema.
 * @module
 */
import { pgSchema } from "drizzle-orm/pg-core";

export const analyticsSchema = pgSchema("analytics");
