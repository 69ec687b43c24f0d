/**
 * Postgres tables of the payments domain: all of them live in the `payments` schema.
 * @module
 */
import { pgSchema } from "drizzle-orm/pg-core";

export const paymentsSchema = pgSchema("payments");
