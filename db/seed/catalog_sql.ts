/**
 * Renders the exercise catalog and the public workout templates
 * (`workers/workouts/catalog`) as idempotent SQL for a drizzle-kit custom
 * migration. Seeding is an upsert, so after changing the catalog, generate a
 * new custom migration and render into it; applying it updates existing rows:
 *
 * ```sh
 * deno run -A npm:drizzle-kit generate --custom --name=seed_catalog --config db/drizzle.config.ts
 * deno run -A db/seed/catalog_sql.ts db/migrations/<the new file>.sql
 * ```
 *
 * Without a file argument the SQL goes to stdout.
 *
 * @module
 */
import { exercises, type SeedExercise } from "../../workers/workouts/catalog/exercises.ts";
import { type SeedTemplate, templates } from "../../workers/workouts/catalog/templates.ts";

/** What drizzle's migrator splits a migration file on. */
export const STATEMENT_BREAKPOINT = "--> statement-breakpoint";

/** Options of {@linkcode renderCatalogSql}; the seeded catalog by default. */
export interface RenderCatalogOptions {
  exercises?: SeedExercise[];
  templates?: SeedTemplate[];
}

/**
 * A SQL string literal: single quotes doubled. Relies on
 * `standard_conforming_strings` (on by default since PostgreSQL 9.1), so
 * backslashes are ordinary characters.
 */
export function sqlString(value: string): string {
  if (value.includes("\0")) throw new Error(`Cannot render ${JSON.stringify(value)}: NUL byte`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** A `text[]` literal: `ARRAY['a','b']::text[]` (typed, so an empty array works too). */
export function sqlTextArray(values: readonly string[]): string {
  return `ARRAY[${values.map(sqlString).join(",")}]::text[]`;
}

/** A `jsonb` literal from a JSON-serialisable value. */
export function sqlJsonb(value: unknown): string {
  return `${sqlString(JSON.stringify(value))}::jsonb`;
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
    "-- Rendered by db/seed/catalog_sql.ts from workers/workouts/catalog; do not edit by hand.",
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
