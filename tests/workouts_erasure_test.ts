/**
 * The Workouts section of the contract, part 6: erasing a member's workout
 * data on account deletion (`DELETE /v1/me`, then `UserDeleted` through the
 * queue: the only way workouts erases anything).
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { inProcessBinding } from "../shared/bindings/service_binding.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp, type TestUser } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import { type PlanBody } from "../workers/workouts/testing.ts";

async function counts(platform: TestPlatform, user: TestUser) {
  const { rows } = await platform.stores.postgres.db.execute<Record<string, number>>(sql`
    select (select count(*)::int from workouts.plans where owner_id = ${user.id}) as plans,
           (select count(*)::int from workouts.sessions where user_id = ${user.id}) as sessions,
           (select count(*)::int from workouts.personal_bests where user_id = ${user.id}) as bests
  `);
  return rows[0];
}

/** `user`'s counts once they are all 0 (erasure follows the event), or the last seen. */
async function countsOnceErased(platform: TestPlatform, user: TestUser) {
  const deadline = Date.now() + 10_000;
  let seen = await counts(platform, user);
  while (Object.values(seen).some((n) => n > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    seen = await counts(platform, user);
  }
  return seen;
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

platformTest("[workouts] account deletion erases the member's workout data", async (t, open) => {
  const platform = await open();
  const alice = await signUp(platform);
  const bob = await signUp(platform);
  const alicePlan = await train(platform, alice);
  await train(platform, bob);
  const path = `/internal/users/${alice.id}/data`;

  await t.step(
    "no route erases it: 404 with a token, and to a peer holding the secret",
    async () => {
      const init = { method: "DELETE", headers: bearer(alice.accessToken) };
      await expectProblem(await platform.request(path, init), 404, "NOT_FOUND");
      await expectProblem(
        await platform.workers.workouts.fetch(new Request(`http://workouts.internal${path}`, init)),
        404,
        "NOT_FOUND",
      );
      const peer = inProcessBinding(() => platform.workers.workouts, {
        internalSecret: platform.internalSecret,
      });
      await expectProblem(
        await peer.fetch(new Request(`http://workouts.internal${path}`, { method: "DELETE" })),
        404,
        "NOT_FOUND",
      );
      assert.deepEqual(await counts(platform, alice), { plans: 1, sessions: 2, bests: 4 });
    },
  );

  await t.step("erases the member's plans, sessions and bests, and only theirs", async () => {
    // Read once, so the plan sits in the cache: erasure must not leave it there.
    await expectJson(
      await platform.request(`/v1/workouts/${alicePlan.id}`, {
        headers: bearer(alice.accessToken),
      }),
      200,
    );
    const deleted = await platform.request("/v1/me", {
      method: "DELETE",
      headers: bearer(alice.accessToken),
    });
    assert.equal(deleted.status, 204, await deleted.text());
    assert.deepEqual(await countsOnceErased(platform, alice), { plans: 0, sessions: 0, bests: 0 });
    assert.deepEqual(await counts(platform, bob), { plans: 1, sessions: 2, bests: 4 });
    // The plan is gone from the cache too: its slot holds a tombstone, not the plan.
    assert.deepEqual(
      await platform.stores.kvFor("workouts").get(`plan:${alicePlan.id}`),
      { deleted: true },
    );
    await expectProblem(
      await platform.request(`/v1/workouts/${alicePlan.id}`, {
        headers: bearer(bob.accessToken),
      }),
      404,
      "WORKOUT_NOT_FOUND",
    );
  });

  await t.step("is idempotent: the same event again changes nothing", async () => {
    await platform.events.queue.publish({
      id: crypto.randomUUID(),
      type: "UserDeleted",
      occurredAt: new Date().toISOString(),
      payload: { userId: alice.id, deletedAt: new Date().toISOString() },
    }, { consumer: "workouts" });
    assert.deepEqual(await countsOnceErased(platform, alice), { plans: 0, sessions: 0, bests: 0 });
    assert.deepEqual(await counts(platform, bob), { plans: 1, sessions: 2, bests: 4 });
  });
});
