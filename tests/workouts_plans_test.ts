/**
 * The Workouts section of the contract, part 2: workout plans (public
 * templates and members' own), with a two-user access matrix.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import {
  type Page,
  type PlanBody,
  seededTemplates as templates,
} from "../workers/workouts/testing.ts";

/** A request with an optional bearer token and JSON body. */
function send(method: string, token?: string, body?: unknown): RequestInit {
  const headers: Record<string, string> = token ? bearer(token) : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}

const squat = { exerciseId: "barbell-back-squat", sets: 5, reps: 5, weightKg: 60, restSec: 180 };
const plank = { exerciseId: "front-plank", sets: 3, reps: 1 };

/** Every plan listed for `token` (anonymous without), following cursors. */
async function listAll(platform: TestPlatform, token?: string, limit = 3): Promise<PlanBody[]> {
  const items: PlanBody[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=${limit}&cursor=${cursor}` : `?limit=${limit}`;
    const page: Page<PlanBody> = await expectJson(
      await platform.request(`/v1/workouts${query}`, send("GET", token)),
      200,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

async function countPlans(platform: TestPlatform, ownerId: string): Promise<number> {
  const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
    sql`select count(*)::int as n from workouts.plans where owner_id = ${ownerId}`,
  );
  return rows[0].n;
}

platformTest("[workouts] plans", async (t, open) => {
  const platform = await open();
  const alice = await signUp(platform, { displayName: "Alice" });
  const bob = await signUp(platform, { displayName: "Bob" });
  let alicePlan: PlanBody;

  await t.step("anyone lists the public templates, page by page", async () => {
    const listed = await listAll(platform);
    assert.deepEqual(
      listed.map((plan) => plan.id).sort(),
      templates.map((template) => template.id).sort(),
    );
    assert.ok(listed.every((plan) => plan.ownerId === null));
    const seed = templates.find((template) => template.id === listed[0].id)!;
    const { createdAt: _, updatedAt: __, ...fields } = listed[0];
    assert.deepEqual(fields, { ...seed, ownerId: null });
  });

  await t.step("a present but bad token is 401, never anonymous", async () => {
    for (const path of ["/v1/workouts", `/v1/workouts/${templates[0].id}`]) {
      for (const authorization of ["Bearer nope", "Bearer a.b.c", "Basic abc", ""]) {
        await expectProblem(
          await platform.request(path, { headers: { authorization } }),
          401,
          "UNAUTHENTICATED",
        );
      }
    }
  });

  await t.step("POST creates a plan of the caller's: 201 with Location", async () => {
    const response = await platform.request(
      "/v1/workouts",
      send("POST", alice.accessToken, { name: "  Alice's legs ", exercises: [squat, plank] }),
    );
    alicePlan = await expectJson<PlanBody>(response, 201);
    assert.equal(response.headers.get("location"), `/v1/workouts/${alicePlan.id}`);
    assert.equal(alicePlan.name, "Alice's legs");
    assert.equal(alicePlan.description, "");
    assert.equal(alicePlan.level, "beginner");
    assert.equal(alicePlan.ownerId, alice.id);
    assert.deepEqual(alicePlan.exercises, [squat, plank]);
    assert.equal(alicePlan.createdAt, alicePlan.updatedAt);
    const fetched = await platform.request(
      response.headers.get("location")!,
      send("GET", alice.accessToken),
    );
    assert.deepEqual(await expectJson(fetched, 200), alicePlan);
  });

  await t.step("POST needs a token", async () => {
    await expectProblem(
      await platform.request("/v1/workouts", send("POST", undefined, { name: "x", exercises: [] })),
      401,
      "UNAUTHENTICATED",
    );
  });

  await t.step("POST rejects bad plans with 422 and pointers, storing nothing", async () => {
    const valid = { name: "Plan", exercises: [squat] };
    const withExercise = (change: Record<string, unknown>) => ({
      ...valid,
      exercises: [squat, { ...plank, ...change }],
    });
    const cases: [unknown, string][] = [
      [withExercise({ exerciseId: "no-such-exercise" }), "/exercises/1/exerciseId"],
      [withExercise({ exerciseId: "bad id!" }), "/exercises/1/exerciseId"],
      [withExercise({ sets: 0 }), "/exercises/1/sets"],
      [withExercise({ sets: 101 }), "/exercises/1/sets"],
      [withExercise({ sets: 2.5 }), "/exercises/1/sets"],
      [withExercise({ reps: 0 }), "/exercises/1/reps"],
      [withExercise({ reps: 1001 }), "/exercises/1/reps"],
      [withExercise({ weightKg: -1 }), "/exercises/1/weightKg"],
      [withExercise({ weightKg: 1000.5 }), "/exercises/1/weightKg"],
      [withExercise({ restSec: 3601 }), "/exercises/1/restSec"],
      [withExercise({ restSec: "60" }), "/exercises/1/restSec"],
      [withExercise({ notes: "x" }), "/exercises/1/notes"],
      [{ ...valid, exercises: [] }, "/exercises"],
      [{ ...valid, exercises: Array(101).fill(squat) }, "/exercises"],
      [{ ...valid, name: "   " }, "/name"],
      [{ ...valid, name: "x".repeat(101) }, "/name"],
      [{ ...valid, name: "nul\u0000" }, "/name"],
      [{ ...valid, description: "x".repeat(2001) }, "/description"],
      [{ ...valid, level: "expert" }, "/level"],
      [{ ...valid, ownerId: bob.id }, "/ownerId"],
      [{ exercises: [squat] }, "/name"],
    ];
    const before = await countPlans(platform, alice.id);
    for (const [body, pointer] of cases) {
      const problem = await expectProblem(
        await platform.request("/v1/workouts", send("POST", alice.accessToken, body)),
        422,
        "VALIDATION_FAILED",
      );
      assert.deepEqual(problem.errors?.map((error) => error.pointer), [pointer], pointer);
    }
    assert.equal(await countPlans(platform, alice.id), before);
  });

  await t.step("A's private plan: B can neither read, change nor delete it (404)", async () => {
    const path = `/v1/workouts/${alicePlan.id}`;
    for (const token of [bob.accessToken, undefined]) {
      await expectProblem(
        await platform.request(path, send("GET", token)),
        404,
        "WORKOUT_NOT_FOUND",
      );
    }
    await expectProblem(
      await platform.request(path, send("PATCH", bob.accessToken, { name: "Mine now" })),
      404,
      "WORKOUT_NOT_FOUND",
    );
    await expectProblem(
      await platform.request(path, send("DELETE", bob.accessToken)),
      404,
      "WORKOUT_NOT_FOUND",
    );
    // The same answers as for a plan that does not exist at all.
    await expectProblem(
      await platform.request("/v1/workouts/no-such-plan", send("PATCH", bob.accessToken, {})),
      404,
      "WORKOUT_NOT_FOUND",
    );
    const plan = await expectJson<PlanBody>(
      await platform.request(path, send("GET", alice.accessToken)),
      200,
    );
    assert.equal(plan.name, "Alice's legs");
  });

  await t.step("lists: templates plus the caller's own plans only", async () => {
    const forAlice = (await listAll(platform, alice.accessToken, 4)).map((plan) => plan.id);
    const forBob = (await listAll(platform, bob.accessToken, 4)).map((plan) => plan.id);
    const templateIds = templates.map((template) => template.id);
    assert.deepEqual(forAlice, [...forBob, alicePlan.id], "templates first, then own plans");
    assert.deepEqual(forBob.sort(), templateIds.sort());
    assert.equal(new Set(forAlice).size, forAlice.length);
  });

  await t.step("templates are read-only for everyone: 403 FORBIDDEN", async () => {
    const path = `/v1/workouts/${templates[0].id}`;
    for (const user of [alice, bob]) {
      await expectProblem(
        await platform.request(path, send("PATCH", user.accessToken, { name: "Renamed" })),
        403,
        "FORBIDDEN",
      );
      await expectProblem(
        await platform.request(path, send("DELETE", user.accessToken)),
        403,
        "FORBIDDEN",
      );
    }
    const template = await expectJson<PlanBody>(await platform.request(path), 200);
    assert.equal(template.name, templates[0].name);
  });

  await t.step("PATCH changes only what it names; exercises replace the list", async () => {
    const path = `/v1/workouts/${alicePlan.id}`;
    const renamed = await expectJson<PlanBody>(
      await platform.request(path, send("PATCH", alice.accessToken, { level: "advanced" })),
      200,
    );
    assert.equal(renamed.level, "advanced");
    assert.equal(renamed.name, alicePlan.name);
    assert.deepEqual(renamed.exercises, alicePlan.exercises);
    assert.ok(renamed.updatedAt >= alicePlan.updatedAt);

    const replaced = await expectJson<PlanBody>(
      await platform.request(path, send("PATCH", alice.accessToken, { exercises: [plank] })),
      200,
    );
    assert.deepEqual(replaced.exercises, [plank]);
    assert.equal(replaced.level, "advanced");

    const unchanged = await expectJson<PlanBody>(
      await platform.request(path, send("PATCH", alice.accessToken, {})),
      200,
    );
    assert.deepEqual(unchanged, replaced);

    for (
      const [body, pointer] of [
        [{ exercises: [{ ...plank, exerciseId: "nope" }] }, "/exercises/0/exerciseId"],
        [{ name: "" }, "/name"],
        [{ ownerId: bob.id }, "/ownerId"],
      ] as const
    ) {
      const problem = await expectProblem(
        await platform.request(path, send("PATCH", alice.accessToken, body)),
        422,
        "VALIDATION_FAILED",
      );
      assert.deepEqual(problem.errors?.map((error) => error.pointer), [pointer]);
    }
    assert.deepEqual(
      await expectJson(await platform.request(path, send("GET", alice.accessToken)), 200),
      replaced,
    );
  });

  await t.step("DELETE removes the owner's plan: 204, then 404", async () => {
    const path = `/v1/workouts/${alicePlan.id}`;
    const response = await platform.request(path, send("DELETE", alice.accessToken));
    assert.equal(response.status, 204);
    assert.equal(await response.text(), "");
    await expectProblem(
      await platform.request(path, send("GET", alice.accessToken)),
      404,
      "WORKOUT_NOT_FOUND",
    );
    await expectProblem(
      await platform.request(path, send("DELETE", alice.accessToken)),
      404,
      "WORKOUT_NOT_FOUND",
    );
    assert.equal(await countPlans(platform, alice.id), 0);
  });
});
