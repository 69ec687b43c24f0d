/**
 * An exercise's best set and estimated 1RM per session, from the member's logged sessions.
 * Epley, as the API computes records: `weight × (1 + reps / 30)` for 1–12 reps; a single
 * counts as its weight.
 *
 * @module
 */

/** A logged set as the sessions query gives it. */
export interface SetLike {
  reps: number | null;
  weightKg: number | null;
}

/** A session as the sessions query gives it. */
export interface SessionLike {
  startedAt: string;
  entries: readonly { exerciseId: string; sets: readonly SetLike[] }[];
}

/** One session's figures for the exercise. */
export interface ProgressPoint {
  at: number;
  bestKg: number;
  estimated1rmKg: number | null;
}

/** Epley's estimate, or null outside 1–12 reps or without a weight. */
export function estimatedOneRepMax({ reps, weightKg }: SetLike): number | null {
  if (!reps || reps < 1 || reps > 12 || !weightKg) return null;
  return reps === 1 ? weightKg : weightKg * (1 + reps / 30);
}

/** Oldest first; sessions without a weighted set of the exercise are left out. */
export function progressOf(sessions: readonly SessionLike[], exerciseId: string): ProgressPoint[] {
  const points: ProgressPoint[] = [];
  for (const session of sessions) {
    const sets = session.entries.filter((entry) => entry.exerciseId === exerciseId)
      .flatMap((entry) => entry.sets);
    const weights = sets.map((set) => set.weightKg ?? 0).filter((weight) => weight > 0);
    if (!weights.length) continue;
    const estimates = sets.map(estimatedOneRepMax).filter((value) => value !== null);
    points.push({
      at: Date.parse(session.startedAt) / 1000,
      bestKg: Math.max(...weights),
      estimated1rmKg: estimates.length ? Math.round(Math.max(...estimates) * 10) / 10 : null,
    });
  }
  return points.sort((a, b) => a.at - b.at);
}
