import assert from "node:assert/strict";
import { estimatedOneRepMax, round2, sessionBests, sessionVolume } from "./records.ts";

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
});
