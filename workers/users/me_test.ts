/**
 * The users worker's `/v1/me` alone: reading (with ETags), changing (with
 * If-Match) and closing one's own profile, with real tokens.
 */
import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../../shared/testing/assertions.ts";
import { bearer, type MeBody, send, startedAt, usersTest } from "./testing.ts";

const rfc3339Utc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

usersTest("[users] GET /v1/me", async (t, fx) => {
  await fx.register("u-ada", "Ada Lovelace");

  await t.step("answers the caller's profile with its role, ETag and cache headers", async () => {
    const response = await fx.request("/v1/me", bearer(await fx.token("u-ada")));
    const body = await expectJson<MeBody>(response, 200);
    assert.equal(response.headers.get("etag"), '"1"');
    assert.equal(response.headers.get("cache-control"), "private, no-cache");
    assert.equal(response.headers.get("vary"), "Authorization");
    assert.deepEqual(body, {
      id: "u-ada",
      email: "u-ada@example.com",
      displayName: "Ada Lovelace",
      bio: "",
      units: "metric",
      timezone: "UTC",
      goals: [],
      role: "member",
      createdAt: startedAt.toISOString(),
      updatedAt: startedAt.toISOString(),
    });
    assert.match(body.createdAt, rfc3339Utc);
  });

  await t.step("takes the role from the token", async () => {
    const response = await fx.request("/v1/me", bearer(await fx.token("u-ada", { role: "admin" })));
    assert.equal((await expectJson<MeBody>(response, 200)).role, "admin");
  });

  await t.step("answers 304 without a body when If-None-Match matches", async () => {
    const token = await fx.token("u-ada");
    for (const tag of ['"1"', 'W/"1"', '"7", "1"', "*"]) {
      const response = await fx.request("/v1/me", bearer(token, { "if-none-match": tag }));
      assert.equal(response.status, 304, tag);
      assert.equal(await response.text(), "");
      assert.equal(response.headers.get("etag"), '"1"');
      assert.equal(response.headers.get("cache-control"), "private, no-cache");
    }
  });

  await t.step("answers 200 when If-None-Match names another version", async () => {
    const response = await fx.request(
      "/v1/me",
      bearer(await fx.token("u-ada"), { "if-none-match": '"2", "01"' }),
    );
    assert.equal((await expectJson<MeBody>(response, 200)).id, "u-ada");
  });

  await t.step("is 404 PROFILE_NOT_FOUND for a member without a profile", async () => {
    await expectProblem(
      await fx.request("/v1/me", bearer(await fx.token("u-nobody"))),
      404,
      "PROFILE_NOT_FOUND",
    );
  });

  await t.step("is 401 without a token", async () => {
    const response = await fx.request("/v1/me");
    assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="fitconnect"');
    await expectProblem(response, 401, "UNAUTHENTICATED");
    await expectProblem(
      await fx.request("/v1/me", { headers: { authorization: "Basic dTpw" } }),
      401,
      "UNAUTHENTICATED",
    );
  });

  await t.step("is 401 with a bad token", async () => {
    const { privateKey: foreignKey } = await crypto.subtle.generateKey("Ed25519", false, [
      "sign",
      "verify",
    ]) as CryptoKeyPair;
    const bad = {
      "not a JWT": "not-a-jwt",
      "a forged signature": await fx.token("u-ada", { key: foreignKey }),
      "another audience": await fx.token("u-ada", { audience: "someone-else" }),
      "another issuer": await fx.token("u-ada", { issuer: "https://evil.example" }),
      "an expired token": await fx.token("u-ada", { lifetimeSec: -1 }),
    };
    for (const [what, token] of Object.entries(bad)) {
      const response = await fx.request("/v1/me", bearer(token));
      assert.equal(response.status, 401, what);
      await expectProblem(response, 401, "UNAUTHENTICATED");
    }
  });

  await t.step("POST is 405 with the allowed methods", async () => {
    const response = await fx.request("/v1/me", send("POST", await fx.token("u-ada"), {}));
    assert.equal(response.headers.get("allow"), "GET, PATCH, DELETE");
    await expectProblem(response, 405, "METHOD_NOT_ALLOWED");
  });
});

usersTest("[users] PATCH /v1/me", async (t, fx) => {
  await fx.register("u-bo", "Bo");
  const token = await fx.token("u-bo");
  const patch = (body: unknown, headers: Record<string, string> = {}) =>
    fx.request("/v1/me", send("PATCH", token, body, headers));

  await t.step("changes each field and answers the new profile and ETag", async () => {
    const changes = [
      { displayName: "  Bo Diddley  " },
      { bio: "Deadlifts on Sundays.\nRuns on Mondays." },
      { units: "imperial" },
      { timezone: "Europe/Berlin" },
      { goals: ["Run 10 km", "Bench 100 kg"] },
    ];
    let version = 1;
    let expected: Record<string, unknown> = {};
    for (const change of changes) {
      fx.advance(60);
      const response = await patch(change);
      const body = await expectJson<MeBody>(response, 200);
      version += 1;
      assert.equal(response.headers.get("etag"), `"${version}"`);
      assert.equal(response.headers.get("cache-control"), "private, no-cache");
      expected = {
        ...expected,
        ...change,
        ...("displayName" in change ? { displayName: "Bo Diddley" } : {}),
      };
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(body[key as keyof MeBody], value, key);
      }
      assert.equal(body.createdAt, startedAt.toISOString());
      assert.equal(body.updatedAt, fx.now().toISOString());
    }
    const read = await fx.request("/v1/me", bearer(token));
    assert.equal(read.headers.get("etag"), `"${version}"`);
    assert.equal((await expectJson<MeBody>(read, 200)).timezone, "Europe/Berlin");
  });

  await t.step("accepts every IANA zone, including links ICU does not list", async () => {
    for (const zone of ["America/Argentina/Buenos_Aires", "Asia/Kolkata", "Etc/UTC", "UTC"]) {
      const body = await expectJson<MeBody>(await patch({ timezone: zone }), 200);
      assert.equal(body.timezone, zone);
    }
  });

  await t.step("empties the bio and the goals", async () => {
    const body = await expectJson<MeBody>(await patch({ bio: "", goals: [] }), 200);
    assert.equal(body.bio, "");
    assert.deepEqual(body.goals, []);
  });

  await t.step("an empty patch answers the profile without a new version", async () => {
    const before = (await fx.request("/v1/me", bearer(token))).headers.get("etag");
    const response = await patch({});
    await expectJson<MeBody>(response, 200);
    assert.equal(response.headers.get("etag"), before);
  });

  await t.step("rejects every invalid field with 422 and its JSON Pointer", async () => {
    const cases: [string, unknown, string[]][] = [
      ["an unknown zone", { timezone: "Mars/Olympus_Mons" }, ["/timezone"]],
      ["a zone in the wrong case", { timezone: "europe/berlin" }, ["/timezone"]],
      ["an offset instead of a zone", { timezone: "+01:00" }, ["/timezone"]],
      ["an empty zone", { timezone: "" }, ["/timezone"]],
      ["a display name over 80 characters", { displayName: "x".repeat(81) }, ["/displayName"]],
      ["a blank display name", { displayName: "   " }, ["/displayName"]],
      ["a bio over 500 characters", { bio: "x".repeat(501) }, ["/bio"]],
      ["unknown units", { units: "furlongs" }, ["/units"]],
      ["an unknown key", { displayname: "typo" }, ["/displayname"]],
      ["21 goals", { goals: Array.from({ length: 21 }, (_, i) => `goal ${i}`) }, ["/goals"]],
      ["a repeated goal", { goals: ["run", "lift", "run"] }, ["/goals"]],
      ["an empty goal", { goals: ["run", " "] }, ["/goals/1"]],
      ["a goal over 100 characters", { goals: ["x".repeat(101)] }, ["/goals/0"]],
      ["a number for a name", { displayName: 42 }, ["/displayName"]],
      ["null for a bio", { bio: null }, ["/bio"]],
      ["a string for the goals", { goals: "run" }, ["/goals"]],
      ["a number among the goals", { goals: ["run", 5] }, ["/goals/1"]],
      ["an array for the body", [], [""]],
      ["two bad fields", { units: "metric ", bio: 1 }, ["/bio", "/units"]],
    ];
    for (const [what, body, pointers] of cases) {
      const problem = await expectProblem(await patch(body), 422, "VALIDATION_FAILED");
      assert.deepEqual(problem.errors?.map((error) => error.pointer).sort(), pointers, what);
      for (const error of problem.errors ?? []) assert.equal(typeof error.detail, "string");
    }
    const unchanged = await expectJson<MeBody>(await fx.request("/v1/me", bearer(token)), 200);
    assert.equal(unchanged.displayName, "Bo Diddley");
  });

  await t.step("the detail of an unknown key names no value", async () => {
    const problem = await expectProblem(
      await patch({ ["k".repeat(200)]: "v".repeat(200) }),
      422,
      "VALIDATION_FAILED",
    );
    assert.ok(!problem.errors![0].detail.includes("vvvv"));
    assert.ok(!problem.errors![0].detail.includes("kkkk"));
  });

  await t.step("rejects malformed JSON (400) and another media type (415)", async () => {
    await expectProblem(
      await fx.request("/v1/me", {
        method: "PATCH",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "{ displayName:",
      }),
      400,
      "MALFORMED_JSON",
    );
    await expectProblem(
      await fx.request("/v1/me", {
        method: "PATCH",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
        body: "{}",
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  await t.step("is 401 before it reads the body", async () => {
    await expectProblem(
      await fx.request("/v1/me", { method: "PATCH", body: "not json" }),
      401,
      "UNAUTHENTICATED",
    );
  });

  await t.step("applies a change whose If-Match is the current ETag", async () => {
    const etag = (await fx.request("/v1/me", bearer(token))).headers.get("etag")!;
    const response = await patch({ bio: "Conditional." }, { "if-match": etag });
    await expectJson<MeBody>(response, 200);
    assert.equal(response.headers.get("etag"), `"${Number(JSON.parse(etag)) + 1}"`);
    const star = await patch({ bio: "Any version." }, { "if-match": "*" });
    assert.equal((await expectJson<MeBody>(star, 200)).bio, "Any version.");
  });

  await t.step("is 412 when If-Match names another version, and changes nothing", async () => {
    const current = await fx.request("/v1/me", bearer(token));
    const etag = current.headers.get("etag")!;
    const stale = `"${Number(JSON.parse(etag)) - 1}"`;
    for (const tag of [stale, `W/${etag}`, '"nope"']) {
      await expectProblem(
        await patch({ bio: "Lost update." }, { "if-match": tag }),
        412,
        "PRECONDITION_FAILED",
      );
    }
    const after = await fx.request("/v1/me", bearer(token));
    assert.equal(after.headers.get("etag"), etag);
    assert.equal((await expectJson<MeBody>(after, 200)).bio, "Any version.");
  });

  await t.step("two concurrent changes with the same If-Match: one 200, one 412", async () => {
    const etag = (await fx.request("/v1/me", bearer(token))).headers.get("etag")!;
    const responses = await Promise.all([
      patch({ displayName: "First" }, { "if-match": etag }),
      patch({ displayName: "Second" }, { "if-match": etag }),
    ]);
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [200, 412]);
    const winner = responses.find((response) => response.status === 200)!;
    const { displayName } = await expectJson<MeBody>(winner, 200);
    await expectProblem(
      responses.find((response) => response.status === 412)!,
      412,
      "PRECONDITION_FAILED",
    );
    const after = await expectJson<MeBody>(await fx.request("/v1/me", bearer(token)), 200);
    assert.equal(after.displayName, displayName);
  });

  await t.step("without If-Match the last write wins", async () => {
    await expectJson(await patch({ bio: "one" }), 200);
    await expectJson(await patch({ bio: "two" }), 200);
    const after = await expectJson<MeBody>(await fx.request("/v1/me", bearer(token)), 200);
    assert.equal(after.bio, "two");
  });

  await t.step("is 404 for a member without a profile, with or without If-Match", async () => {
    const stranger = await fx.token("u-stranger");
    const conditions: Record<string, string>[] = [{}, { "if-match": "*" }, { "if-match": '"1"' }];
    for (const headers of conditions) {
      await expectProblem(
        await fx.request("/v1/me", send("PATCH", stranger, { bio: "hi" }, headers)),
        404,
        "PROFILE_NOT_FOUND",
      );
    }
  });
});
