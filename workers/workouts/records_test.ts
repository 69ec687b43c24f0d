import assert from "node:assert/strict";
import {
  compareWithBests,
  estimatedOneRepMax,
  round2,
  sessionBests,
  sessionVolume,
} from "./records.ts";

Deno.test("[workouts] records", async (t) => {
  await t.step("volume is Σ reps × weight, sets lacking either add nothing", () => {
    assert.equal(
      sessionVolume([
        { exerciseId: "a", sets: [{ reps: 5, weightKg: 100 }, { reps: 3 }, { weightKg: 50 }] },
        { exerciseId: "b", sets: [{ reps: 10, weightKg: 22.5 }, { durationSec: 60 }] },
      ]),
      725,
    );
    assert.equal(sessionVolume([{ exerciseId: "a", sets: [{ reps: 3, weightKg: 33.333 }] }]), 100);
  });

  await t.step("Epley: weight × (1 + reps / 30) for 2–12 reps, a single is its weight", () => {
    assert.equal(round2(estimatedOneRepMax(100, 5)!), 116.67);
    assert.equal(estimatedOneRepMax(100, 1), 100);
    assert.equal(round2(estimatedOneRepMax(60, 12)!), 84);
    assert.equal(estimatedOneRepMax(60, 13), undefined);
    assert.equal(estimatedOneRepMax(0, 5), undefined);
    assert.equal(estimatedOneRepMax(60, 0), undefined);
  });

  await t.step("bests per exercise merge its entries; weightless sets count only for reps", () => {
    assert.deepEqual(
      sessionBests([
        { exerciseId: "squat", sets: [{ reps: 5, weightKg: 100 }, { reps: 0, weightKg: 140 }] },
        { exerciseId: "pull-up", sets: [{ reps: 12 }, { reps: 9, weightKg: 0 }] },
        { exerciseId: "squat", sets: [{ reps: 2, weightKg: 110 }] },
        { exerciseId: "plank", sets: [{ durationSec: 90 }] },
      ]),
      [
        { exerciseId: "squat", kind: "max_weight", value: 110 },
        { exerciseId: "squat", kind: "max_reps", value: 5 },
        { exerciseId: "squat", kind: "max_volume", value: 720 },
        { exerciseId: "squat", kind: "estimated_1rm", value: 117.33 },
        { exerciseId: "pull-up", kind: "max_reps", value: 12 },
      ],
    );
  });

  await t.step("a first achievement is a baseline; only a strictly better one is a record", () => {
    const achieved = sessionBests([
      { exerciseId: "squat", sets: [{ reps: 5, weightKg: 100 }] },
      { exerciseId: "bench", sets: [{ reps: 5, weightKg: 80 }] },
    ]);
    const first = compareWithBests(achieved, []);
    assert.deepEqual(first.records, []);
    assert.equal(first.bests.length, 8);

    const stored = [
      { exerciseId: "squat", kind: "max_weight" as const, value: 90 },
      { exerciseId: "squat", kind: "max_reps" as const, value: 5 },
      { exerciseId: "squat", kind: "max_volume" as const, value: 500.001 },
    ];
    const next = compareWithBests(achieved, stored);
    assert.deepEqual(next.records, [{ exerciseId: "squat", kind: "max_weight", value: 100 }]);
    assert.deepEqual(
      next.bests.map((best) => `${best.exerciseId}:${best.kind}`),
      [
        "squat:max_weight",
        "squat:estimated_1rm",
        "bench:max_weight",
        "bench:max_reps",
        "bench:max_volume",
        "bench:estimated_1rm",
      ],
    );
  });
});
