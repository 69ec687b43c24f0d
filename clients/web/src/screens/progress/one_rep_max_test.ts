import assert from "node:assert/strict";
import { estimatedOneRepMax, progressOf } from "./one_rep_max.ts";

Deno.test("Epley 1RM: 1–12 reps, a single is its weight", () => {
  assert.equal(estimatedOneRepMax({ reps: 1, weightKg: 100 }), 100);
  assert.equal(estimatedOneRepMax({ reps: 5, weightKg: 90 }), 105);
  assert.equal(estimatedOneRepMax({ reps: 13, weightKg: 50 }), null);
});

Deno.test("progress: best and 1RM per session, oldest first, other exercises ignored", () => {
  const points = progressOf([
    {
      startedAt: "2026-02-02T10:00:00Z",
      entries: [{
        exerciseId: "squat",
        sets: [{ reps: 5, weightKg: 90 }, { reps: 3, weightKg: 95 }],
      }],
    },
    {
      startedAt: "2026-01-01T10:00:00Z",
      entries: [{ exerciseId: "bench", sets: [{ reps: 5, weightKg: 60 }] }],
    },
    {
      startedAt: "2026-01-05T10:00:00Z",
      entries: [{ exerciseId: "squat", sets: [{ reps: 1, weightKg: 100 }] }],
    },
  ], "squat");
  assert.deepEqual(points.map((p) => [p.bestKg, p.estimated1rmKg]), [[100, 100], [95, 105]]);
});
