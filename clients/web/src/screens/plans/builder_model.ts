/**
 * The plan builder's rows: add, move, remove, change; and the input the API takes.
 *
 * @module
 */
import type { PlanExerciseInput } from "@fitconnect/clients-shared/graphql/schema";

/** One exercise of the plan being built (`key` keeps React rows stable across moves). */
export interface BuilderRow {
  key: string;
  exerciseId: string;
  name: string;
  sets: number;
  reps: number;
  weightKg: number | null;
  restSec: number | null;
}

let nextKey = 0;

/** A new row with sensible defaults (3 × 10, 90 s rest). */
export function newRow(exerciseId: string, name: string, from?: Partial<BuilderRow>): BuilderRow {
  return {
    sets: 3,
    reps: 10,
    weightKg: null,
    restSec: 90,
    ...from,
    exerciseId,
    name,
    key: `row-${++nextKey}`,
  };
}

/** `rows` with the row at `index` moved by `by` (-1 up, +1 down); unchanged at the edges. */
export function moveRow(rows: readonly BuilderRow[], index: number, by: -1 | 1): BuilderRow[] {
  const to = index + by;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** `rows` without the row at `index`. */
export function removeRow(rows: readonly BuilderRow[], index: number): BuilderRow[] {
  return rows.filter((_, at) => at !== index);
}

/** `rows` with the row at `index` changed. */
export function changeRow(
  rows: readonly BuilderRow[],
  index: number,
  change: Partial<Omit<BuilderRow, "key">>,
): BuilderRow[] {
  return rows.map((row, at) => (at === index ? { ...row, ...change } : row));
}

/** The rows as the API's plan exercises. */
export function toInput(rows: readonly BuilderRow[]): PlanExerciseInput[] {
  return rows.map(({ exerciseId, sets, reps, weightKg, restSec }) => ({
    exerciseId,
    sets,
    reps,
    weightKg,
    restSec,
  }));
}
