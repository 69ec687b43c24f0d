/**
 * The Workouts section of the contract, part 4: every absurd session is a
 * 422 pointing at the offending field, and stores nothing at all.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest } from "./support/platform.ts";
import { type PlanBody } from "../workers/workouts/testing.ts";

type Body = Record<string, unknown>;

const valid = (): Body => ({
  clientId: "valid-1",
  startedAt: "2026-01-10T10:00:00Z",
  entries: [
    { exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg: 100 }] },
    { exerciseId: "front-plank", sets: [{ durationSec: 60 }] },
  ],
});

/** `valid()` with the first set of the first entry replaced by `set`. */
const withSet = (set: unknown): Body => ({
  ...valid(),
  entries: [{ exerciseId: "barbell-back-squat", sets: [set] }],
});

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

platformTest("[workouts] POST /v1/sessions rejects absurd values", async (t, open) => {
  const platform = await open();
  const alice = await signUp(platform);
  const bob = await signUp(platform);
  const bobsPlan = await expectJson<PlanBody>(
    await platform.request(
      "/v1/workouts",
      postJson(
        { name: "Bob's", exercises: [{ exerciseId: "barbell-deadlift", sets: 1, reps: 5 }] },
        bearer(bob.accessToken),
      ),
    ),
    201,
  );
  const stored = async () => {
    const { rows } = await platform.stores.postgres.db.execute<Record<string, number>>(sql`
      select (select count(*)::int from workouts.sessions where user_id = ${alice.id}) as sessions,
             (select count(*)::int from workouts.outbox) as events,
             (select count(*)::int from workouts.personal_bests where user_id = ${alice.id}) as bests
    `);
    return rows[0];
  };

  const cases: [string, Body, string][] = [
    ["reps 1001", withSet({ reps: 1001, weightKg: 20 }), "/entries/0/sets/0/reps"],
    ["reps -1", withSet({ reps: -1 }), "/entries/0/sets/0/reps"],
    ["reps 2.5", withSet({ reps: 2.5 }), "/entries/0/sets/0/reps"],
    ["reps as a string", withSet({ reps: "5" }), "/entries/0/sets/0/reps"],
    ["weightKg 1001", withSet({ reps: 1, weightKg: 1001 }), "/entries/0/sets/0/weightKg"],
    ["weightKg -5", withSet({ reps: 1, weightKg: -5 }), "/entries/0/sets/0/weightKg"],
    ["durationSec 86401", withSet({ durationSec: 86_401 }), "/entries/0/sets/0/durationSec"],
    ["durationSec -1", withSet({ durationSec: -1 }), "/entries/0/sets/0/durationSec"],
    ["distanceM 1000001", withSet({ distanceM: 1_000_001 }), "/entries/0/sets/0/distanceM"],
    ["rpe 11", withSet({ reps: 5, rpe: 11 }), "/entries/0/sets/0/rpe"],
    ["rpe 0", withSet({ reps: 5, rpe: 0 }), "/entries/0/sets/0/rpe"],
    ["rpe 7.3", withSet({ reps: 5, rpe: 7.3 }), "/entries/0/sets/0/rpe"],
    ["a set without a measure", withSet({}), "/entries/0/sets/0"],
    ["a set with only rpe", withSet({ rpe: 8 }), "/entries/0/sets/0"],
    ["an unknown set field", withSet({ reps: 5, tempo: "3-1-1" }), "/entries/0/sets/0/tempo"],
    ["no sets", { ...valid(), entries: [{ exerciseId: "pull-up", sets: [] }] }, "/entries/0/sets"],
    [
      "101 sets",
      { ...valid(), entries: [{ exerciseId: "pull-up", sets: Array(101).fill({ reps: 1 }) }] },
      "/entries/0/sets",
    ],
    ["no entries", { ...valid(), entries: [] }, "/entries"],
    [
      "101 entries",
      { ...valid(), entries: Array(101).fill({ exerciseId: "pull-up", sets: [{ reps: 1 }] }) },
      "/entries",
    ],
    ["entries missing", { startedAt: "2026-01-10T10:00:00Z" }, "/entries"],
    ["startedAt missing", { entries: valid().entries }, "/startedAt"],
    ["startedAt not a time", { ...valid(), startedAt: "yesterday" }, "/startedAt"],
    ["startedAt on February 30", { ...valid(), startedAt: "2026-02-30T10:00:00Z" }, "/startedAt"],
    ["startedAt without offset", { ...valid(), startedAt: "2026-01-10T10:00:00" }, "/startedAt"],
    ["startedAt as a number", { ...valid(), startedAt: 1767000000000 }, "/startedAt"],
    ["startedAt before 1970", { ...valid(), startedAt: "1969-12-31T23:59:59Z" }, "/startedAt"],
    ["startedAt 25 h ahead", { ...valid(), startedAt: inHours(25) }, "/startedAt"],
    ["endedAt before startedAt", { ...valid(), endedAt: "2026-01-10T09:59:59Z" }, "/endedAt"],
    ["endedAt malformed", { ...valid(), endedAt: "2026-01-10T25:00:00Z" }, "/endedAt"],
    ["notes over 2000", { ...valid(), notes: "x".repeat(2001) }, "/notes"],
    ["notes with NUL", { ...valid(), notes: "a\u0000b" }, "/notes"],
    ["clientId with a space", { ...valid(), clientId: "has space" }, "/clientId"],
    ["clientId empty", { ...valid(), clientId: "" }, "/clientId"],
    ["clientId of 101", { ...valid(), clientId: "x".repeat(101) }, "/clientId"],
    ["clientId a number", { ...valid(), clientId: 42 }, "/clientId"],
    [
      "an unknown exercise",
      {
        ...valid(),
        entries: [valid().entries as unknown[], { exerciseId: "moon-walk", sets: [{ reps: 1 }] }]
          .flat(),
      },
      "/entries/2/exerciseId",
    ],
    ["another member's plan", { ...valid(), workoutId: bobsPlan.id }, "/workoutId"],
    ["a plan that does not exist", { ...valid(), workoutId: "no-such-plan" }, "/workoutId"],
    ["a field it does not know", { ...valid(), userId: bob.id }, "/userId"],
  ];

  await t.step("each case is 422 with its pointer, and nothing is stored", async () => {
    const before = await stored();
    for (const [name, body, pointer] of cases) {
      const problem = await expectProblem(
        await platform.request("/v1/sessions", postJson(body, bearer(alice.accessToken))),
        422,
        "VALIDATION_FAILED",
      );
      assert.deepEqual(problem.errors?.map((error) => error.pointer), [pointer], name);
    }
    assert.deepEqual(await stored(), before);
  });

  await t.step("the valid body, a template and limits at their edge are accepted", async () => {
    const edge = {
      ...valid(),
      clientId: "edge_case-1",
      workoutId: "tpl-5x5-strength-a",
      startedAt: inHours(23),
      endedAt: inHours(23.5),
      notes: "x".repeat(2000),
      entries: [{
        exerciseId: "barbell-back-squat",
        sets: [
          { reps: 1000, weightKg: 1000, rpe: 10 },
          { reps: 0, weightKg: 0, rpe: 1 },
          { durationSec: 86_400, distanceM: 1_000_000, rpe: 6.5 },
        ],
      }],
    };
    for (const body of [valid(), edge]) {
      await expectJson(
        await platform.request("/v1/sessions", postJson(body, bearer(alice.accessToken))),
        201,
      );
    }
  });
});
