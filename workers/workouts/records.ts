/**
 * Personal records: what a logged session achieved per exercise. Pure
 * functions; which of those achievements beat the member's stored bests is
 * decided by the statement that stores them (./session_repository.ts), under
 * the rows' locks.
 *
 * Kinds, per exercise and session:
 *
 * - `max_weight`: the heaviest `weightKg` of a set with at least 1 rep.
 * - `max_reps`: the most `reps` in one set.
 * - `max_volume`: Σ reps × weightKg over the exercise's sets in this session.
 * - `estimated_1rm`: the best one-repetition maximum estimated with Epley's
 *   formula, `weightKg × (1 + reps / 30)`, over sets of 1–12 reps; a set of 1
 *   rep counts as its weight (Epley would add 3 %, overstating an actual
 *   single). Sets above 12 reps are left out: the estimate drifts with
 *   endurance there and stops saying anything about strength.
 *
 * A kind is reported only when it strictly beats a stored best. The first time
 * a member logs an exercise (no best of that kind yet) sets the baseline and
 * reports nothing: every first log would otherwise be a "record", and a
 * notification for each would be noise rather than news.
 *
 * Every value is rounded to 0.01 before it is compared or stored, so a record
 * never hinges on floating-point dust.
 *
 * @module
 */
import type { LoggedEntry, PersonalRecord } from "./tables.ts";

/** One kind of personal record. */
export type RecordKind = PersonalRecord["kind"];

/** The kinds, in the order records are reported for an exercise. */
export const recordKinds: readonly RecordKind[] = [
  "max_weight",
  "max_reps",
  "max_volume",
  "estimated_1rm",
];

/** A value achieved (or stored as the best) for one exercise and kind. */
export interface Best {
  exerciseId: string;
  kind: RecordKind;
  value: number;
}

/** Rounds to 0.01 (half away from zero for the non-negative values used here). */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/** Epley's estimate for `reps` at `weightKg`, or undefined outside 1–12 reps or without weight. */
export function estimatedOneRepMax(weightKg: number, reps: number): number | undefined {
  if (!(weightKg > 0) || reps < 1 || reps > 12) return undefined;
  return reps === 1 ? weightKg : weightKg * (1 + reps / 30);
}

/** Σ reps × weightKg over every set (sets lacking either add nothing), rounded to 0.01. */
export function sessionVolume(entries: readonly LoggedEntry[]): number {
  let total = 0;
  for (const entry of entries) {
    for (const set of entry.sets) total += (set.reps ?? 0) * (set.weightKg ?? 0);
  }
  return round2(total);
}

/**
 * What the session achieved, per exercise (in order of first appearance) and
 * kind; an exercise logged in several entries counts as one.
 */
export function sessionBests(entries: readonly LoggedEntry[]): Best[] {
  const byExercise = new Map<string, Partial<Record<RecordKind, number>>>();
  const raise = (values: Partial<Record<RecordKind, number>>, kind: RecordKind, value: number) => {
    values[kind] = Math.max(values[kind] ?? value, value);
  };
  for (const entry of entries) {
    let values = byExercise.get(entry.exerciseId);
    if (!values) byExercise.set(entry.exerciseId, values = {});
    for (const { reps = 0, weightKg = 0 } of entry.sets) {
      if (reps < 1) continue;
      raise(values, "max_reps", reps);
      if (weightKg <= 0) continue;
      raise(values, "max_weight", weightKg);
      values.max_volume = (values.max_volume ?? 0) + reps * weightKg;
      const estimate = estimatedOneRepMax(weightKg, reps);
      if (estimate !== undefined) raise(values, "estimated_1rm", estimate);
    }
  }
  const bests: Best[] = [];
  for (const [exerciseId, values] of byExercise) {
    for (const kind of recordKinds) {
      const value = values[kind];
      if (value !== undefined) bests.push({ exerciseId, kind, value: round2(value) });
    }
  }
  return bests;
}
