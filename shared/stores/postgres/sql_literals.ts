/**
 * SQL literals for the seed migrations that workers render from their
 * catalogs (workers/workouts/catalog/seed_sql.ts,
 * workers/inventory/catalog/seed_sql.ts): values are written into a
 * migration file, so they cannot be bound as parameters.
 *
 * @module
 */

/** What drizzle's migrator splits a migration file on. */
export const STATEMENT_BREAKPOINT = "--> statement-breakpoint";

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
