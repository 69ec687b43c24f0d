/**
 * What the web app asks GraphQL for as a member, beyond the first schema:
 * the profile's version (the REST ETag) and `expectedVersion` (If-Match),
 * plan update and delete, notification preferences, the payment history and
 * closing the account. Each through the same REST route a third party
 * uses, refusals relayed with the REST code and status, never a 5xx.
 */
import assert from "node:assert/strict";
import { signUp } from "./support/identity.ts";
import { dataOf, graphql, refusal } from "./support/graphql.ts";
import { platformTest } from "./support/platform.ts";

const profileFields = "id displayName timezone goals version";
type Profile = { id: string; displayName: string; timezone: string; version: number };

const updateProfile = `mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) { ${profileFields} }
}`;

platformTest("[graphql] the member's profile, plans, preferences and payments", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const other = await signUp(platform);
  const token = member.accessToken;

  await t.step("me carries the version its REST ETag names", async () => {
    const me = dataOf(
      await graphql<{ me: Profile }>(platform, `{ me { ${profileFields} } }`, token),
    );
    const rest = await platform.request("/v1/me", {
      headers: { authorization: `Bearer ${token}` },
    });
    await rest.body?.cancel();
    assert.equal(rest.headers.get("etag"), `"${me.me.version}"`);
  });

  await t.step(
    "updateProfile at the expected version moves it on; a stale one is 412",
    async () => {
      const { me } = dataOf(await graphql<{ me: Profile }>(platform, "{ me { version } }", token));
      const moved = dataOf(
        await graphql<{ updateProfile: Profile }>(platform, updateProfile, token, {
          input: { timezone: "Europe/Berlin", expectedVersion: me.version },
        }),
      ).updateProfile;
      assert.deepEqual([moved.timezone, moved.version], ["Europe/Berlin", me.version + 1]);

      const stale = await graphql(platform, updateProfile, token, {
        input: { timezone: "Asia/Tokyo", expectedVersion: me.version },
      });
      refusal(stale, "PRECONDITION_FAILED", 412);
      const after = dataOf(
        await graphql<{ me: Profile }>(platform, "{ me { timezone version } }", token),
      );
      assert.deepEqual([after.me.timezone, after.me.version], ["Europe/Berlin", me.version + 1]);

      // Without expectedVersion the write is unconditional, as a PATCH without If-Match.
      const free = dataOf(
        await graphql<{ updateProfile: Profile }>(platform, updateProfile, token, {
          input: { displayName: "Renamed" },
        }),
      ).updateProfile;
      assert.deepEqual([free.displayName, free.version], ["Renamed", me.version + 2]);
    },
  );

  await t.step("a bad profile input is VALIDATION_FAILED on its pointer", async () => {
    const bad = await graphql(platform, updateProfile, token, {
      input: { timezone: "Mars/Olympus_Mons" },
    });
    refusal(bad, "VALIDATION_FAILED", 422, ["/timezone"]);
  });

  let planId = "";
  await t.step(
    "updateWorkout changes the member's own plan; deleteWorkout removes it",
    async () => {
      const created = dataOf(
        await graphql<{ createWorkout: { id: string } }>(
          platform,
          `mutation ($input: CreateWorkoutInput!) { createWorkout(input: $input) { id } }`,
          token,
          {
            input: {
              name: "Legs",
              exercises: [{ exerciseId: "barbell-back-squat", sets: 5, reps: 5, weightKg: 100 }],
            },
          },
        ),
      );
      planId = created.createWorkout.id;
      const updated = dataOf(
        await graphql<{ updateWorkout: { name: string; level: string; exercises: unknown[] } }>(
          platform,
          `mutation ($id: ID!, $input: UpdateWorkoutInput!) {
          updateWorkout(id: $id, input: $input) { id name level exercises { exerciseId sets reps } }
        }`,
          token,
          {
            id: planId,
            input: {
              name: "Leg day",
              level: "advanced",
              exercises: [{ exerciseId: "barbell-deadlift", sets: 3, reps: 5 }],
            },
          },
        ),
      ).updateWorkout;
      assert.deepEqual(updated, {
        id: planId,
        name: "Leg day",
        level: "advanced",
        exercises: [{ exerciseId: "barbell-deadlift", sets: 3, reps: 5 }],
      } as unknown);
    },
  );

  await t.step("plans refused: another's, a template, bad input, a bad id", async () => {
    const rename = `mutation ($id: ID!, $input: UpdateWorkoutInput!) {
      updateWorkout(id: $id, input: $input) { id }
    }`;
    refusal(
      await graphql(platform, rename, other.accessToken, { id: planId, input: { name: "Mine" } }),
      "WORKOUT_NOT_FOUND",
      404,
    );
    refusal(
      await graphql(platform, `mutation ($id: ID!) { deleteWorkout(id: $id) }`, other.accessToken, {
        id: planId,
      }),
      "WORKOUT_NOT_FOUND",
      404,
    );
    const templates = dataOf(
      await graphql<{ workouts: { items: { id: string; ownerId: string | null }[] } }>(
        platform,
        "{ workouts(limit: 100) { items { id ownerId } } }",
        token,
      ),
    );
    const template = templates.workouts.items.find((plan) => plan.ownerId === null)!;
    refusal(
      await graphql(platform, rename, token, { id: template.id, input: { name: "Mine" } }),
      "FORBIDDEN",
      403,
    );
    refusal(
      await graphql(platform, rename, token, {
        id: planId,
        input: { exercises: [{ exerciseId: "barbell-deadlift", sets: 0, reps: 5 }] },
      }),
      "VALIDATION_FAILED",
      422,
      ["/exercises/0/sets"],
    );
    refusal(
      await graphql(platform, `mutation { deleteWorkout(id: "..") }`, token),
      "ID_INVALID",
      400,
    );
    refusal(
      await graphql(platform, rename, undefined, { id: planId, input: {} }),
      "UNAUTHENTICATED",
      401,
    );
  });

  await t.step("deleteWorkout is true, then the plan is gone", async () => {
    const deleted = await graphql<{ deleteWorkout: boolean }>(
      platform,
      `mutation ($id: ID!) { deleteWorkout(id: $id) }`,
      token,
      { id: planId },
    );
    assert.equal(dataOf(deleted).deleteWorkout, true);
    refusal(
      await graphql(platform, `query ($id: ID!) { workout(id: $id) { id } }`, token, {
        id: planId,
      }),
      "WORKOUT_NOT_FOUND",
      404,
    );
  });

  const preferencesFields = "inApp email push quietHours { start end }";
  const setPreferences = `mutation ($input: NotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) { ${preferencesFields} }
  }`;

  await t.step("notification preferences: read, replace, read back", async () => {
    const before = dataOf(
      await graphql<{ notificationPreferences: { quietHours: unknown } }>(
        platform,
        `{ notificationPreferences { ${preferencesFields} } }`,
        token,
      ),
    );
    assert.equal(before.notificationPreferences.quietHours, null);
    const chosen = {
      inApp: true,
      email: false,
      push: false,
      quietHours: { start: "22:00", end: "07:00" },
    };
    const saved = dataOf(
      await graphql<{ updateNotificationPreferences: unknown }>(platform, setPreferences, token, {
        input: chosen,
      }),
    );
    assert.deepEqual(saved.updateNotificationPreferences, chosen);
    const after = dataOf(
      await graphql<{ notificationPreferences: unknown }>(
        platform,
        `{ notificationPreferences { ${preferencesFields} } }`,
        token,
      ),
    );
    assert.deepEqual(after.notificationPreferences, chosen);
  });

  await t.step("notification preferences refused: a bad window, no token", async () => {
    refusal(
      await graphql(platform, setPreferences, token, {
        input: {
          inApp: true,
          email: true,
          push: true,
          quietHours: { start: "25:00", end: "07:00" },
        },
      }),
      "VALIDATION_FAILED",
      422,
      ["/quietHours/start"],
    );
    refusal(
      await graphql(platform, `{ notificationPreferences { inApp } }`),
      "UNAUTHENTICATED",
      401,
    );
  });

  await t.step("payments lists the member's own payments, newest first, in pages", async () => {
    const checkout = `mutation ($input: CheckoutInput!) { checkout(input: $input) { id } }`;
    const ids: string[] = [];
    for (const planId of ["monthly", "yearly"]) {
      const paid = await graphql<{ checkout: { id: string } }>(platform, checkout, token, {
        input: { idempotencyKey: crypto.randomUUID(), planId },
      });
      ids.push(dataOf(paid).checkout.id);
    }
    const list = `query ($limit: Int, $cursor: String) {
      payments(limit: $limit, cursor: $cursor) { items { id planId status amountCents } nextCursor }
    }`;
    type Page = { payments: { items: { id: string }[]; nextCursor: string | null } };
    const first = dataOf(await graphql<Page>(platform, list, token, { limit: 1 }));
    assert.ok(first.payments.nextCursor);
    const second = dataOf(
      await graphql<Page>(platform, list, token, { limit: 1, cursor: first.payments.nextCursor }),
    );
    assert.equal(second.payments.nextCursor, null);
    assert.deepEqual(
      [...first.payments.items, ...second.payments.items].map((payment) => payment.id),
      [...ids].reverse(),
    );
    const others = dataOf(await graphql<Page>(platform, list, other.accessToken, {}));
    assert.deepEqual(others.payments, { items: [], nextCursor: null });
  });

  await t.step("payments refused: a bad limit or cursor, no token", async () => {
    const list = `query ($limit: Int, $cursor: String) {
      payments(limit: $limit, cursor: $cursor) { items { id } }
    }`;
    refusal(await graphql(platform, list, token, { limit: 0 }), "VALIDATION_FAILED", 422, [
      "limit",
    ]);
    const badCursor = refusal(
      await graphql(platform, list, token, { cursor: "not-ours" }),
      "VALIDATION_FAILED",
      422,
    );
    assert.ok(badCursor.extensions.errors?.some((e) => e.pointer.includes("cursor")));
    refusal(await graphql(platform, list), "UNAUTHENTICATED", 401);
  });

  await t.step("deleteAccount closes the account: the token stops working", async () => {
    const closing = await signUp(platform);
    const closed = await graphql<{ deleteAccount: boolean }>(
      platform,
      "mutation { deleteAccount }",
      closing.accessToken,
    );
    assert.equal(dataOf(closed).deleteAccount, true);
    refusal(await graphql(platform, "{ me { id } }", closing.accessToken), "UNAUTHENTICATED", 401);
    refusal(await graphql(platform, "mutation { deleteAccount }"), "UNAUTHENTICATED", 401);
  });
});
