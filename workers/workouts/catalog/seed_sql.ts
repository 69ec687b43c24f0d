/**
 * Renders the exercise catalog and the public workout templates
 * (./exercises.ts, ./templates.ts) as idempotent SQL for a drizzle-kit custom
 * migration. Seeding is an upsert, so after changing the catalog, generate a
 * new custom migration and render into it; applying it updates existing rows:
 *
 * ```sh
 * deno task db:generate workouts -- --custom --name seed_catalog
 * deno run -A workers/workouts/catalog/seed_sql.ts db/migrations/workouts/<the new file>.sql
 * ```
 *
 * Without a file argument the SQL goes to stdout.
 *
 * @module
 */
import {
  sqlJsonb,
  sqlString,
  sqlTextArray,
  STATEMENT_BREAKPOINT,
} from "../../../shared/stores/postgres/sql_literals.ts";
import { exercises, type SeedExercise } from "./exercises.ts";
import { type SeedTemplate, templates } from "./templates.ts";

/** Options of {@linkcode renderCatalogSql}; the seeded catalog by default. */
export interface RenderCatalogOptions {
  exercises?: SeedExercise[];
  templates?: SeedTemplate[];
}

/** The upsert of every exercise into `workouts.exercises`. */
export function renderExercisesSql(items: readonly SeedExercise[]): string {
  const rows = items.map((exercise) =>
    `  (${
      [
        sqlString(exercise.id),
        sqlString(exercise.name),
        sqlString(exercise.category),
        sqlTextArray(exercise.primaryMuscles),
        sqlTextArray(exercise.secondaryMuscles),
        sqlString(exercise.equipment),
        sqlString(exercise.instructions),
      ].join(", ")
    })`
  );
  return [
    `INSERT INTO "workouts"."exercises" (id, name, category, primary_muscles, secondary_muscles, equipment, instructions) VALUES`,
    rows.join(",\n"),
    `ON CONFLICT (id) DO UPDATE SET`,
    `  name = excluded.name, category = excluded.category, primary_muscles = excluded.primary_muscles,`,
    `  secondary_muscles = excluded.secondary_muscles, equipment = excluded.equipment,`,
    `  instructions = excluded.instructions;`,
  ].join("\n");
}

/**
 * The upsert of every template into `workouts.plans` with no owner (public).
 * A conflicting row owned by a member is left alone.
 */
export function renderTemplatesSql(items: readonly SeedTemplate[]): string {
  const rows = items.map((template) =>
    `  (${
      [
        sqlString(template.id),
        "NULL",
        sqlString(template.name),
        sqlString(template.description),
        sqlString(template.level),
        // Only the plan fields, in a fixed order, whatever else an object carries.
        sqlJsonb(template.exercises.map(({ exerciseId, sets, reps, weightKg, restSec }) => ({
          exerciseId,
          sets,
          reps,
          weightKg,
          restSec,
        }))),
      ].join(", ")
    })`
  );
  return [
    `INSERT INTO "workouts"."plans" (id, owner_id, name, description, level, exercises) VALUES`,
    rows.join(",\n"),
    `ON CONFLICT (id) DO UPDATE SET`,
    `  name = excluded.name, description = excluded.description, level = excluded.level,`,
    `  exercises = excluded.exercises, updated_at = now()`,
    `  WHERE "workouts"."plans"."owner_id" IS NULL;`,
  ].join("\n");
}

/** The whole seed: a header comment, then one upsert per table, separated by breakpoints. */
export function renderCatalogSql(options: RenderCatalogOptions = {}): string {
  const header = [
    "-- Seed: the exercise catalog and the public workout templates.",
    "-- Rendered by workers/workouts/catalog/seed_sql.ts; do not edit by hand.",
  ].join("\n");
  return [
    `${header}\n${renderExercisesSql(options.exercises ?? exercises)}`,
    renderTemplatesSql(options.templates ?? templates),
  ].join(`\n${STATEMENT_BREAKPOINT}\n`) + "\n";
}

if (import.meta.main) {
  const [file] = Deno.args;
  const sql = renderCatalogSql();
  if (file === undefined) {
    await Deno.stdout.write(new TextEncoder().encode(sql));
  } else {
    await Deno.writeTextFile(file, sql);
    console.error(`wrote ${file}`);
  }
}
