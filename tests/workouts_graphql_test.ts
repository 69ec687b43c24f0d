/**
 * Workouts through GraphQL: the same data, rules and codes as REST.
 */
import assert from "node:assert/strict";
import { expectJson } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface GraphqlResult<T> {
  data?: T | null;
  errors?: {
    message: string;
    extensions: { code: string; status: number; errors?: { pointer: string }[] };
  }[];
}

async function graphql<T>(
  platform: TestPlatform,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlResult<T>> {
  const response = await platform.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? bearer(token) : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return await expectJson<GraphqlResult<T>>(response, 200);
}

platformTest("[graphql] workouts", async (t, open) => {
  const platform = await open();
  const ada = await signUp(platform);
  const bob = await signUp(platform);

  await t.step("exercises: search, filters and pages", async () => {
    type Page = { exercises: { items: { id: string; name: string }[]; nextCursor: string | null } };
    const first = await graphql<Page>(
      platform,
      `{ exercises(q: "squat", limit: 3) { items { id name } nextCursor } }`,
    );
    assert.equal(first.errors, undefined);
    assert.equal(first.data!.exercises.items.length, 3);
    assert.ok(first.data!.exercises.items.every((item) => /squat/i.test(item.name)));
    const next = await graphql<Page>(
      platform,
      `query ($c: String) { exercises(q: "squat", limit: 3, cursor: $c) { items { id } } }`,
      { c: first.data!.exercises.nextCursor },
    );
    const ids = new Set(first.data!.exercises.items.map((item) => item.id));
    assert.ok(next.data!.exercises.items.every((item) => !ids.has(item.id)));
    const bad = await graphql(platform, `{ exercises(limit: 500) { items { id } } }`);
    assert.equal(bad.errors?.[0].extensions.code, "VALIDATION_FAILED");
  });

  await t.step("exercise(id) and a missing one", async () => {
    const found = await graphql<{ exercise: { name: string } }>(
      platform,
      `{ exercise(id: "barbell-back-squat") { name equipment primaryMuscles } }`,
    );
    assert.equal(found.data?.exercise.name, "Barbell Back Squat");
    const missing = await graphql<{ exercise: null }>(
      platform,
      `{ exercise(id: "no-such-exercise") { name } }`,
    );
    assert.equal(missing.data?.exercise, null);
    assert.equal(missing.errors?.[0].extensions.code, "EXERCISE_NOT_FOUND");
  });

  let planId = "";
  await t.step("createWorkout, then workout(id) for the owner only", async () => {
    const created = await graphql<
      { createWorkout: { id: string; ownerId: string; level: string } }
    >(
      platform,
      `mutation ($input: CreateWorkoutInput!) { createWorkout(input: $input) { id ownerId level exercises { exerciseId sets reps weightKg } } }`,
      {
        input: {
          name: "Ada's legs",
          level: "intermediate",
          exercises: [{
            exerciseId: "barbell-back-squat",
            sets: 5,
            reps: 5,
            weightKg: 100,
            restSec: null,
          }],
        },
      },
      ada.accessToken,
    );
    assert.equal(created.errors, undefined);
    planId = created.data!.createWorkout.id;
    assert.equal(created.data!.createWorkout.ownerId, ada.id);
    const forBob = await graphql(platform, `query ($id: ID!) { workout(id: $id) { id } }`, {
      id: planId,
    }, bob.accessToken);
    assert.equal(forBob.errors?.[0].extensions.code, "WORKOUT_NOT_FOUND");
    const unknown = await graphql(
      platform,
      `mutation { createWorkout(input: { name: "X", exercises: [{ exerciseId: "nope", sets: 1, reps: 1 }] }) { id } }`,
      {},
      ada.accessToken,
    );
    assert.equal(unknown.errors?.[0].extensions.code, "VALIDATION_FAILED");
    assert.deepEqual(unknown.errors?.[0].extensions.errors?.map((e) => e.pointer), [
      "/exercises/0/exerciseId",
    ]);
  });

  await t.step("logSession is idempotent by clientId and reports records", async () => {
    const log = (weightKg: number) =>
      graphql<
        { logSession: { id: string; volumeKg: number; personalRecords: { kind: string }[] } }
      >(
        platform,
        `mutation ($input: LogSessionInput!) { logSession(input: $input) { id clientId volumeKg personalRecords { exerciseId kind value } } }`,
        {
          input: {
            clientId: `phone-${weightKg}`,
            startedAt: "2026-11-20T07:00:00Z",
            entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg }] }],
          },
        },
        ada.accessToken,
      );
    const first = await log(100);
    assert.equal(first.data?.logSession.volumeKg, 500);
    assert.deepEqual(first.data?.logSession.personalRecords, []);
    const retry = await log(100);
    assert.equal(retry.data?.logSession.id, first.data?.logSession.id);
    const heavier = await log(110);
    assert.ok(
      heavier.data?.logSession.personalRecords.some((record) => record.kind === "max_weight"),
    );
    const absurd = await graphql(
      platform,
      `mutation { logSession(input: { startedAt: "2026-11-20T07:00:00Z", entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, rpe: 11 }] }] }) { id } }`,
      {},
      ada.accessToken,
    );
    assert.equal(absurd.errors?.[0].extensions.code, "VALIDATION_FAILED");
  });

  await t.step("sessions and session(id) are the caller's own", async () => {
    type Sessions = { sessions: { items: { id: string }[] } };
    const mine = await graphql<Sessions>(
      platform,
      `{ sessions { items { id } } }`,
      {},
      ada.accessToken,
    );
    assert.equal(mine.data?.sessions.items.length, 2);
    const theirs = await graphql<Sessions>(
      platform,
      `{ sessions { items { id } } }`,
      {},
      bob.accessToken,
    );
    assert.deepEqual(theirs.data?.sessions.items, []);
    const peek = await graphql(
      platform,
      `query ($id: ID!) { session(id: $id) { id } }`,
      { id: mine.data!.sessions.items[0].id },
      bob.accessToken,
    );
    assert.equal(peek.errors?.[0].extensions.code, "SESSION_NOT_FOUND");
  });
});
