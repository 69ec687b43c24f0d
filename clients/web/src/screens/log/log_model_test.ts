import assert from "node:assert/strict";
import { addSet, newEntry, toSession } from "./log_model.ts";

Deno.test("log: a plan's prescription gives its sets; adding a set copies the last", () => {
  const entry = newEntry("barbell-back-squat", "Squat", { sets: 3, reps: 5, weightKg: 100 });
  assert.equal(entry.sets.length, 3);
  const more = addSet({ ...entry, sets: [...entry.sets.slice(0, 2), { reps: 4, weightKg: 105 }] });
  assert.deepEqual(more.sets.at(-1), { reps: 4, weightKg: 105 });
});

Deno.test("log: the session leaves out empty sets and entries", () => {
  const start = new Date("2026-01-01T10:00:00Z");
  const session = toSession(
    [
      { ...newEntry("a", "A"), sets: [{ reps: 5, weightKg: 50 }, { reps: null, weightKg: 60 }] },
      newEntry("b", "B"),
    ],
    start,
    new Date("2026-01-01T11:00:00Z"),
    "plan-1",
  );
  assert.deepEqual(session, {
    startedAt: "2026-01-01T10:00:00.000Z",
    endedAt: "2026-01-01T11:00:00.000Z",
    workoutId: "plan-1",
    entries: [{ exerciseId: "a", sets: [{ reps: 5, weightKg: 50 }] }],
  });
});
