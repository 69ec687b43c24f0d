/**
 * Postgres tables of the workouts domain: all of them live in the `workouts` schema.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import { processedMessagesTable } from "../../shared/events/tables.ts";
import {
  customType,
  doublePrecision,
  index,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const workoutsSchema = pgSchema("workouts");

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** The exercise catalog, seeded by migration. */
export const exercises = workoutsSchema.table("exercises", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  category: text("category").notNull(),
  primaryMuscles: text("primary_muscles").array().notNull(),
  secondaryMuscles: text("secondary_muscles").array().notNull().default(sql`'{}'`),
  equipment: text("equipment").notNull(),
  instructions: text("instructions").notNull(),
  /** Words of the name, for search that finds "Front Squat" from "squat". */
  search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('simple', name)`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  index("exercises_search_idx").using("gin", table.search),
  index("exercises_primary_muscles_idx").using("gin", table.primaryMuscles),
  index("exercises_name_id_idx").on(table.name, table.id),
  index("exercises_equipment_name_id_idx").on(table.equipment, table.name, table.id),
  index("exercises_category_name_id_idx").on(table.category, table.name, table.id),
]);

/** A plan's exercise, as stored (and sent). */
export interface PlanExercise {
  exerciseId: string;
  sets: number;
  reps: number;
  weightKg?: number;
  restSec?: number;
}

/** Workout plans: public templates (no owner) and members' own plans. */
export const plans = workoutsSchema.table("plans", {
  id: text("id").primaryKey(),
  /** Null for a public template. */
  ownerId: text("owner_id"),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  level: text("level", { enum: ["beginner", "intermediate", "advanced"] }).notNull(),
  exercises: jsonb("exercises").$type<PlanExercise[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  index("plans_owner_id_created_at_idx").on(table.ownerId, table.createdAt, table.id),
]);

/** One set of a logged entry. */
export interface LoggedSet {
  reps?: number;
  weightKg?: number;
  durationSec?: number;
  distanceM?: number;
  rpe?: number;
}

/** One exercise of a logged session. */
export interface LoggedEntry {
  exerciseId: string;
  sets: LoggedSet[];
}

/** A personal record set by a session. */
export interface PersonalRecord {
  exerciseId: string;
  kind: "max_weight" | "max_reps" | "max_volume" | "estimated_1rm";
  value: number;
}

/** Logged training sessions. */
export const sessions = workoutsSchema.table("sessions", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull(),
  /** Chosen by the client (offline phones): a retry with the same one creates nothing. */
  clientId: text("client_id").notNull(),
  workoutId: text("workout_id"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  notes: text("notes").notNull().default(""),
  entries: jsonb("entries").$type<LoggedEntry[]>().notNull(),
  volumeKg: doublePrecision("volume_kg").notNull(),
  personalRecords: jsonb("personal_records").$type<PersonalRecord[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  // The database, not a check-then-insert, makes an offline retry idempotent.
  uniqueIndex("sessions_user_id_client_id_key").on(table.userId, table.clientId),
  index("sessions_user_id_started_at_idx").on(table.userId, table.startedAt, table.id),
]);

/** Each member's best per exercise and kind, for personal-record detection. */
export const personalBests = workoutsSchema.table("personal_bests", {
  userId: text("user_id").notNull(),
  exerciseId: text("exercise_id").notNull(),
  kind: text("kind", { enum: ["max_weight", "max_reps", "max_volume", "estimated_1rm"] })
    .notNull(),
  value: doublePrecision("value").notNull(),
  sessionId: text("session_id").notNull(),
  achievedAt: timestamp("achieved_at", { withTimezone: true }).notNull(),
}, (table) => [primaryKey({ columns: [table.userId, table.exerciseId, table.kind] })]);

/** Events written in the same transaction as the change they announce; a relay publishes them. */
export const outbox = workoutsSchema.table(
  "outbox",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (table) => [index("outbox_unpublished_idx").on(table.createdAt).where(sql`published_at is null`)],
);

/** Events already handled (UserDeleted): a redelivery has no second effect. */
export const processedMessages = processedMessagesTable(workoutsSchema);
