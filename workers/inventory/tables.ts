/**
 * Postgres tables of the inventory domain: all of them live in the `inventory` schema.
 * @module
 */
import { pgSchema } from "drizzle-orm/pg-core";

export const inventorySchema = pgSchema("inventory");
