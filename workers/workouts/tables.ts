/**
 * Postgres tables of the workouts domain: all of them live in the `workouts` schema.
 * @module
 */
import { pgSchema } from "drizzle-orm/pg-core";

export const workoutsSchema = pgSchema("workouts");
