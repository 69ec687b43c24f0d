import assert from "node:assert/strict";
import { Hono } from "hono";
import type { ClientResponse } from "hono/client";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import {
  accessTokenLifetimeSec,
  type Role,
  tokenAlgorithm,
  tokenAudience,
  tokenIssuer,
} from "../../shared/auth/claims.ts";
import { jwksOverBinding } from "../../shared/auth/key_source.ts";
import { createRevocationList } from "../../shared/auth/revocations.ts";
import { createTokenVerifier } from "../../shared/auth/verifier.ts";
import {
  httpBinding,
  inProcessBinding,
  internalSecretHeader,
  type ServiceBinding,
} from "../../shared/bindings/service_binding.ts";
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { revocationsNamespace } from "../../shared/runtime/authentication.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import { openPlatformStores, type StoresConfig } from "../../shared/runtime/stores.ts";
import { storeVariantTest } from "../../shared/testing/store_variants.ts";
import { expectJson, expectProblem } from "../../shared/testing/assertions.ts";
import { createUsersClient } from "./client.ts";
import { createUsersWorker } from "./mod.ts";
import type { MeBody, ProfileBody } from "./schema.ts";

const kid = "users-test-key";
const startedAt = new Date("2026-03-01T09:00:00.000Z");
const rfc3339Utc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** What the fake auth worker does when asked to delete an identity. */
type AuthMode = "ok" | "failing" | "down";

interface IdentityCall {
  userId: string;
  requestId: string | undefined;
  fromPeer: boolean;
}

/** The users worker on real stores, with a fake auth worker in front of a real verifier. */
interface Fixture {
  /** A request to the users worker, as the gateway would send it. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A request carrying the internal secret, as a peer worker would send it. */
  internal(path: string, init?: RequestInit): Promise<Response>;
  /** An access token signed by the fake auth worker's key. */
  token(sub: string, options?: TokenOptions): Promise<string>;
  /** Creates `userId`'s profile through the typed client (as the auth worker does). */
  register(userId: string, displayName?: string): Promise<ProfileBody>;
  client: ReturnType<typeof createUsersClient>;
  identityCalls: IdentityCall[];
  setAuthMode(mode: AuthMode): void;
  /** Moves the clock of the worker, the verifier and the fake auth worker. */
  advance(seconds: number): void;
  now(): Date;
}

interface TokenOptions {
  role?: Role;
  audience?: string;
  issuer?: string;
  key?: CryptoKey;
  lifetimeSec?: number;
}

type Suite = (t: Deno.TestContext, fixture: Fixture) => Promise<void>;

/** Registers `suite` on the embedded stores, and on the production adapters when configured. */
function usersTest(name: string, suite: Suite): void {
  storeVariantTest(name, (t, stores) => withFixture(t, stores, suite));
}

/** A port nothing listens on: calls to it are refused, as when the auth worker is down. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function withFixture(t: Deno.TestContext, config: StoresConfig, suite: Suite) {
  const log = createLogger({ level: "debug", sink: memorySink() });
  const stores = await openPlatformStores(config, log);
  try {
    const internalSecret = randomSecret();
    let current = startedAt;
    const now = () => current;
    const revocations = createRevocationList(stores.kvFor(revocationsNamespace));

    const { publicKey, privateKey } = await generateKeyPair(tokenAlgorithm, { extractable: true });
    const jwk = { ...await exportJWK(publicKey), kid, alg: tokenAlgorithm, use: "sig" };
    const identityCalls: IdentityCall[] = [];
    let authMode: AuthMode = "ok";
    const fakeAuth = new Hono()
      .get("/.well-known/jwks.json", (c) => c.json({ keys: [jwk] }))
      .delete("/internal/identities/:userId", async (c) => {
        const userId = c.req.param("userId");
        identityCalls.push({
          userId,
          requestId: c.req.header("x-request-id"),
          fromPeer: c.req.header(internalSecretHeader) === internalSecret,
        });
        if (authMode === "failing") return c.json({ message: "database down" }, 500);
        await revocations.revokeUser(userId, now());
        return c.body(null, 204);
      });
    const reachable = inProcessBinding(fakeAuth, { internalSecret });
    const unreachable = httpBinding(`http://127.0.0.1:${closedPort()}`, {
      internalSecret,
      timeoutMs: 2_000,
    });
    const auth: ServiceBinding = {
      fetch: (request) => (authMode === "down" ? unreachable : reachable).fetch(request),
    };

    const app = createUsersWorker({
      log,
      internalSecret,
      postgres: stores.postgres,
      kv: stores.kvFor("users"),
      revocations,
      verifier: createTokenVerifier({ keys: jwksOverBinding(reachable), revocations, now }),
      auth,
      now,
    });
    const request = async (path: string, init?: RequestInit) =>
      await app.fetch(new Request(new URL(path, "http://users.internal"), init));
    const client = createUsersClient(inProcessBinding(app, { internalSecret }), {
      requestId: "from-auth",
    });

    await suite(t, {
      request,
      internal: (path, init) => {
        const headers = new Headers(init?.headers);
        headers.set(internalSecretHeader, internalSecret);
        return request(path, { ...init, headers });
      },
      async token(sub, options = {}) {
        const iat = Math.floor(current.getTime() / 1000);
        return await new SignJWT({ role: options.role ?? "member", sid: `sid-${sub}` })
          .setProtectedHeader({ alg: tokenAlgorithm, kid })
          .setIssuer(options.issuer ?? tokenIssuer)
          .setAudience(options.audience ?? tokenAudience)
          .setSubject(sub)
          .setJti(crypto.randomUUID())
          .setIssuedAt(iat)
          .setExpirationTime(iat + (options.lifetimeSec ?? accessTokenLifetimeSec))
          .sign(options.key ?? privateKey);
      },
      async register(userId, displayName = `Member ${userId}`) {
        const response = await client.internal.profiles[":userId"].$put({
          param: { userId },
          json: { email: `${userId}@example.com`, displayName },
        });
        return await expectJson<ProfileBody>(fetched(response), 201);
      },
      client,
      identityCalls,
      setAuthMode: (mode) => {
        authMode = mode;
      },
      advance: (seconds) => {
        current = new Date(current.getTime() + seconds * 1000);
      },
      now,
    });
  } finally {
    await stores.close();
  }
}

/** hc answers the `Response` it fetched; its type just omits Deno's newer `Response` methods. */
function fetched(response: ClientResponse<unknown>): Response {
  return response as unknown as Response;
}

/** JSON request options, with a bearer token. */
function send(
  method: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

const bearer = (token: string, headers: Record<string, string> = {}) => ({
  headers: { authorization: `Bearer ${token}`, ...headers },
});

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
    const { privateKey: foreignKey } = await generateKeyPair(tokenAlgorithm);
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

usersTest("[users] DELETE /v1/me", async (t, fx) => {
  await fx.register("u-cy");

  await t.step("is 503 and deletes nothing when auth fails", async () => {
    fx.setAuthMode("failing");
    const token = await fx.token("u-cy");
    const response = await fx.request("/v1/me", { method: "DELETE", ...bearer(token) });
    assert.equal(response.headers.get("retry-after"), "1");
    await expectProblem(response, 503, "SERVICE_UNAVAILABLE");
    assert.equal(fx.identityCalls.length, 1);
    await expectJson(await fx.request("/v1/me", bearer(token)), 200);
  });

  await t.step("is 503 and deletes nothing when auth is unreachable", async () => {
    fx.setAuthMode("down");
    const token = await fx.token("u-cy");
    await expectProblem(
      await fx.request("/v1/me", { method: "DELETE", ...bearer(token) }),
      503,
      "SERVICE_UNAVAILABLE",
    );
    await expectJson(await fx.request("/v1/me", bearer(token)), 200);
  });

  await t.step("closes the identity at auth, then deletes the profile", async () => {
    fx.setAuthMode("ok");
    fx.identityCalls.length = 0;
    const token = await fx.token("u-cy");
    const response = await fx.request("/v1/me", {
      method: "DELETE",
      ...bearer(token, { "x-request-id": "close-cy-1" }),
    });
    assert.equal(response.status, 204);
    assert.equal(await response.text(), "");
    assert.deepEqual(fx.identityCalls, [
      { userId: "u-cy", requestId: "close-cy-1", fromPeer: true },
    ]);
    // Auth revoked the tokens issued so far.
    await expectProblem(await fx.request("/v1/me", bearer(token)), 401, "UNAUTHENTICATED");
  });

  await t.step("afterwards GET is 404 (with a token issued later)", async () => {
    fx.advance(1);
    await expectProblem(
      await fx.request("/v1/me", bearer(await fx.token("u-cy"))),
      404,
      "PROFILE_NOT_FOUND",
    );
  });

  await t.step("is 204 again when the profile is already gone", async () => {
    const response = await fx.request("/v1/me", {
      method: "DELETE",
      ...bearer(await fx.token("u-cy")),
    });
    assert.equal(response.status, 204);
  });

  await t.step("is 401 without a token and calls nobody", async () => {
    fx.identityCalls.length = 0;
    await expectProblem(await fx.request("/v1/me", { method: "DELETE" }), 401, "UNAUTHENTICATED");
    assert.deepEqual(fx.identityCalls, []);
  });
});

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
