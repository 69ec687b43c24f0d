/**
 * The workout being logged: exercises with their sets, built from a plan or from nothing, and
 * the session the outbox sends.
 *
 * @module
 */
import type { LoggedEntryInput } from "@fitconnect/clients-shared/graphql/schema";
import type { PendingSession } from "../../offline/outbox.ts";

/** One set as typed (empty fields are null). */
export interface DraftSet {
  reps: number | null;
  weightKg: number | null;
}

/** One exercise of the workout. */
export interface DraftEntry {
  key: string;
  exerciseId: string;
  name: string;
  restSec: number;
  sets: DraftSet[];
}

let nextKey = 0;

/** An entry with `sets` copies of a set (a plan's prescription), or one empty set. */
export function newEntry(
  exerciseId: string,
  name: string,
  prescription: {
    sets?: number;
    reps?: number | null;
    weightKg?: number | null;
    restSec?: number | null;
  } = {},
): DraftEntry {
  const set = { reps: prescription.reps ?? null, weightKg: prescription.weightKg ?? null };
  return {
    key: `entry-${++nextKey}`,
    exerciseId,
    name,
    restSec: prescription.restSec ?? 90,
    sets: Array.from({ length: Math.max(1, prescription.sets ?? 1) }, () => ({ ...set })),
  };
}

/** `entry` with one more set, a copy of its last (the quick way to log the next set). */
export function addSet(entry: DraftEntry): DraftEntry {
  const last = entry.sets.at(-1) ?? { reps: null, weightKg: null };
  return { ...entry, sets: [...entry.sets, { ...last }] };
}

/** The session to send: sets without reps are left out, entries without sets too. */
export function toSession(
  entries: readonly DraftEntry[],
  startedAt: Date,
  endedAt: Date,
  workoutId?: string,
): PendingSession {
  const logged: LoggedEntryInput[] = entries.map((entry) => ({
    exerciseId: entry.exerciseId,
    sets: entry.sets.filter((set) => set.reps !== null && set.reps > 0).map((set) => ({
      reps: set.reps,
      weightKg: set.weightKg,
    })),
  })).filter((entry) => entry.sets.length > 0);
  return {
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    workoutId: workoutId ?? null,
    entries: logged,
  };
}
