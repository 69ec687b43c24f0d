/**
 * The users worker's internal profile routes (as the auth worker calls them)
 * and the isolation of two members' profiles.
 */
import assert from "node:assert/strict";
import { internalSecretHeader } from "../../shared/bindings/service_binding.ts";
import { expectJson, expectProblem } from "../../shared/testing/assertions.ts";
import {
  bearer,
  fetched,
  type MeBody,
  type ProfileBody,
  send,
  startedAt,
  usersTest,
} from "./testing.ts";

usersTest("[users] internal profile routes", async (t, fx) => {
  const profileRoute = fx.client.internal.profiles[":userId"];

  await t.step("PUT creates the profile (201), a retry answers it unchanged (200)", async () => {
    const created = await fx.register("u-dee", "Dee");
    fx.advance(5);
    const retry = await profileRoute.$put({
      param: { userId: "u-dee" },
      json: { email: "u-dee@example.com", displayName: "Dee" },
    });
    assert.equal(retry.headers.get("etag"), '"1"');
    assert.deepEqual(await expectJson(fetched(retry), 200), created);
    assert.deepEqual(created, {
      id: "u-dee",
      email: "u-dee@example.com",
      displayName: "Dee",
      bio: "",
      units: "metric",
      timezone: "UTC",
      goals: [],
      createdAt: startedAt.toISOString(),
      updatedAt: startedAt.toISOString(),
    });
  });

  await t.step("PUT validates its body", async () => {
    const problem = await expectProblem(
      await fx.internal("/internal/profiles/u-eve", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "not-an-email" }),
      }),
      422,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(problem.errors?.map((error) => error.pointer).sort(), [
      "/displayName",
      "/email",
    ]);
  });

  await t.step("GET answers a profile, or 404", async () => {
    const found = await profileRoute.$get({ param: { userId: "u-dee" } });
    assert.equal((await expectJson<ProfileBody>(fetched(found), 200)).displayName, "Dee");
    await expectProblem(
      fetched(await profileRoute.$get({ param: { userId: "u-eve" } })),
      404,
      "PROFILE_NOT_FOUND",
    );
  });

  await t.step("DELETE removes the profile (204), and is 204 when it is absent", async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await profileRoute.$delete({ param: { userId: "u-dee" } });
      assert.equal(response.status, 204);
    }
    await expectProblem(
      await fx.request("/v1/me", bearer(await fx.token("u-dee"))),
      404,
      "PROFILE_NOT_FOUND",
    );
  });

  await t.step("are refused (404) without the internal secret, even with a token", async () => {
    const token = await fx.token("u-mallory");
    const attempts: [string, RequestInit][] = [
      ["PUT", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "m@example.com", displayName: "M" }),
      }],
      ["GET", {}],
      ["DELETE", {}],
    ];
    for (const [method, init] of attempts) {
      for (const secret of [undefined, "guess".repeat(10)]) {
        const headers = new Headers(init.headers);
        headers.set("authorization", `Bearer ${token}`);
        if (secret) headers.set(internalSecretHeader, secret);
        await expectProblem(
          await fx.request("/internal/profiles/u-mallory", { ...init, method, headers }),
          404,
          "NOT_FOUND",
        );
      }
    }
    await expectProblem(
      fetched(await profileRoute.$get({ param: { userId: "u-mallory" } })),
      404,
      "PROFILE_NOT_FOUND",
    );
  });
});

usersTest("[users] two users: a token only ever reaches its own profile", async (t, fx) => {
  await fx.register("u-a", "Alice");
  await fx.register("u-b", "Bob");
  const alice = await fx.token("u-a");
  const bob = await fx.token("u-b");

  await t.step("GET answers the token's own profile", async () => {
    assert.equal(
      (await expectJson<MeBody>(await fx.request("/v1/me", bearer(alice)), 200)).id,
      "u-a",
    );
    assert.equal(
      (await expectJson<MeBody>(await fx.request("/v1/me", bearer(bob)), 200)).id,
      "u-b",
    );
  });

  await t.step("A's PATCH changes only A, whatever the body or headers say", async () => {
    await expectProblem(
      await fx.request("/v1/me", send("PATCH", alice, { id: "u-b", displayName: "Hacked" })),
      422,
      "VALIDATION_FAILED",
    );
    await expectJson(
      await fx.request("/v1/me?userId=u-b", send("PATCH", alice, { displayName: "Alice A." })),
      200,
    );
    const b = await expectJson<MeBody>(await fx.request("/v1/me", bearer(bob)), 200);
    assert.equal(b.displayName, "Bob");
    assert.equal(b.updatedAt, startedAt.toISOString());
  });

  await t.step("A's DELETE closes only A", async () => {
    const response = await fx.request("/v1/me", { method: "DELETE", ...bearer(alice) });
    assert.equal(response.status, 204);
    assert.deepEqual(fx.identityCalls.map((call) => call.userId), ["u-a"]);
    const b = await expectJson<MeBody>(await fx.request("/v1/me", bearer(bob)), 200);
    assert.equal(b.displayName, "Bob");
  });
});
