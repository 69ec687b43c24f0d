/**
 * The Workouts section of the contract, part 6: erasing a member's workout
 * data on account deletion (`DELETE /internal/users/:userId/data`).
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { inProcessBinding } from "../shared/bindings/service_binding.ts";
import { createWorkoutsClient } from "../workers/workouts/client.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp, type TestUser } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import { type PlanBody } from "../workers/workouts/testing.ts";

async function counts(platform: TestPlatform, user: TestUser) {
  const { rows } = await platform.stores.postgres.db.execute(sql`
    select (select count(*)::int from workouts.plans where owner_id = ${user.id}) as plans,
           (select count(*)::int from workouts.sessions where user_id = ${user.id}) as sessions,
           (select count(*)::int from workouts.personal_bests where user_id = ${user.id}) as bests
  `) as unknown as { rows: Record<string, number>[] };
  return rows[0];
}

async function train(platform: TestPlatform, user: TestUser): Promise<PlanBody> {
  const plan = await expectJson<PlanBody>(
    await platform.request(
      "/v1/workouts",
      postJson(
        { name: "Mine", exercises: [{ exerciseId: "pull-up", sets: 3, reps: 8 }] },
        bearer(user.accessToken),
      ),
    ),
    201,
  );
  for (const day of ["2026-04-01", "2026-04-02"]) {
    await expectJson(
      await platform.request(
        "/v1/sessions",
        postJson(
          {
            workoutId: plan.id,
            startedAt: `${day}T08:00:00Z`,
            entries: [{ exerciseId: "pull-up", sets: [{ reps: 8, weightKg: 10 }] }],
          },
          bearer(user.accessToken),
        ),
      ),
      201,
    );
  }
  return plan;
}

platformTest("[workouts] DELETE /internal/users/:userId/data", async (t, open) => {
  const platform = await open();
  const alice = await signUp(platform);
  const bob = await signUp(platform);
  const alicePlan = await train(platform, alice);
  await train(platform, bob);
  const workouts = createWorkoutsClient(
    inProcessBinding(() => platform.workers.workouts, { internalSecret: platform.internalSecret }),
  );
  const path = `/internal/users/${alice.id}/data`;

  await t.step("is refused (404) without the internal secret, even with a token", async () => {
    const init = { method: "DELETE", headers: bearer(alice.accessToken) };
    await expectProblem(await platform.request(path, init), 404, "NOT_FOUND");
    await expectProblem(
      await platform.workers.workouts.fetch(new Request(`http://workouts.internal${path}`, init)),
      404,
      "NOT_FOUND",
    );
    assert.deepEqual(await counts(platform, alice), { plans: 1, sessions: 2, bests: 4 });
  });

  await t.step("erases the member's plans, sessions and bests, and only theirs", async () => {
    // Read once, so the plan sits in the cache: erasure must not leave it there.
    await expectJson(
      await platform.request(`/v1/workouts/${alicePlan.id}`, {
        headers: bearer(alice.accessToken),
      }),
      200,
    );
    const response = await workouts.internal.users[":userId"].data.$delete({
      param: { userId: alice.id },
    });
    assert.equal(response.status, 204);
    assert.deepEqual(await counts(platform, alice), { plans: 0, sessions: 0, bests: 0 });
    assert.deepEqual(await counts(platform, bob), { plans: 1, sessions: 2, bests: 4 });
    await expectProblem(
      await platform.request(`/v1/workouts/${alicePlan.id}`, {
        headers: bearer(alice.accessToken),
      }),
      404,
      "WORKOUT_NOT_FOUND",
    );
    const sessions = await expectJson<{ items: unknown[] }>(
      await platform.request("/v1/sessions", { headers: bearer(alice.accessToken) }),
      200,
    );
    assert.deepEqual(sessions.items, []);
  });

  await t.step("is idempotent: 204 again", async () => {
    const response = await workouts.internal.users[":userId"].data.$delete({
      param: { userId: alice.id },
    });
    assert.equal(response.status, 204);
  });
});
