/**
 * API keys through the public surface: their lifecycle, the secret shown once
 * and hashed at rest, the checksum, scopes, revocation, the gateway's rate
 * limits and per-key metrics; and the conventions that came with them
 * (Link, gzip, PATCH preferences).
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { hashApiKeySecret } from "../shared/auth/api_keys.ts";
import { internalSecretHeader } from "../shared/bindings/service_binding.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

type Created = { id: string; secret: string; scopes: string[]; name: string };

async function createKey(
  platform: TestPlatform,
  token: string,
  body: Record<string, unknown>,
): Promise<Created> {
  return await expectJson<Created>(
    await platform.request("/v1/api-keys", postJson(body, bearer(token))),
    201,
  );
}

/** How many times the auth worker was asked to resolve a key (its own RED metric). */
async function resolveCalls(platform: TestPlatform): Promise<number> {
  const response = await platform.workers.auth.fetch(
    new Request("http://auth.internal/internal/metrics", {
      headers: { [internalSecretHeader]: platform.internalSecret },
    }),
  );
  const text = await response.text();
  return text.split("\n")
    .filter((line) => line.startsWith("http_requests_total{") && line.includes("api-keys/resolve"))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

platformTest("[api keys] lifecycle, scopes and revocation", async (t, open) => {
  const platform = await open();
  const owner = await signUp(platform);
  const key = await createKey(platform, owner.accessToken, {
    name: "sync",
    scopes: ["profile:read", "workouts:read", "sessions:read"],
  });
  const asKey = (extra: Record<string, string> = {}) => bearer(key.secret, extra);

  await t.step("the secret is a checksummed fck_ key, shown in the 201 only", async () => {
    assert.match(key.secret, /^fck_[0-9A-Za-z]{36}$/);
    const list = await expectJson<{ items: Record<string, unknown>[] }>(
      await platform.request("/v1/api-keys", { headers: bearer(owner.accessToken) }),
      200,
    );
    assert.deepEqual(list.items.map((item) => item.id), [key.id]);
    assert.ok(!JSON.stringify(list).includes(key.secret));
    assert.equal(list.items[0].secret, undefined);
  });

  await t.step("it is stored as its SHA-256, never as itself", async () => {
    const { rows } = await platform.stores.postgres.db.execute<Record<string, unknown>>(
      sql`select * from auth.api_keys where id = ${key.id}`,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].secret_hash, await hashApiKeySecret(key.secret));
    assert.ok(!JSON.stringify(rows[0]).includes(key.secret.slice(4)));
  });

  await t.step("it acts for its owner within its scopes, with lastUsedAt set", async () => {
    const me = await expectJson(await platform.request("/v1/me", { headers: asKey() }), 200);
    assert.equal(me.id, owner.id);
    const list = await expectJson<{ items: { lastUsedAt: string | null }[] }>(
      await platform.request("/v1/api-keys", { headers: bearer(owner.accessToken) }),
      200,
    );
    assert.notEqual(list.items[0].lastUsedAt, null);
  });

  await t.step("a typo is 401 before any lookup", async () => {
    const before = await resolveCalls(platform);
    const last = key.secret.at(-1) === "a" ? "b" : "a";
    const typo = key.secret.slice(0, -1) + last;
    await expectProblem(
      await platform.request("/v1/me", { headers: bearer(typo) }),
      401,
      "UNAUTHENTICATED",
    );
    assert.equal(await resolveCalls(platform), before);
  });

  await t.step(
    "anything beyond its scopes is 403 INSUFFICIENT_SCOPE naming the scope",
    async () => {
      const refusals: [string, RequestInit, string][] = [
        ["/v1/workouts", postJson({ name: "x", exercises: [] }, asKey()), "workouts:write"],
        [
          "/v1/sessions",
          postJson({ startedAt: new Date().toISOString(), entries: [] }, asKey()),
          "sessions:write",
        ],
        ["/v1/notifications", { headers: asKey() }, "notifications:read"],
        ["/v1/api-keys", postJson({ name: "more", scopes: ["profile:read"] }, asKey()), "account"],
        ["/v1/api-keys", { headers: asKey() }, "account"],
        [`/v1/api-keys/${key.id}`, { method: "DELETE", headers: asKey() }, "account"],
        ["/v1/me", { method: "DELETE", headers: asKey() }, "account"],
        ["/v1/me", {
          method: "PATCH",
          headers: asKey({ "content-type": "application/json" }),
          body: "{}",
        }, "profile:write"],
        [
          "/v1/payments",
          postJson({ planId: "monthly" }, asKey({ "idempotency-key": "k1" })),
          "payments:write",
        ],
      ];
      for (const [path, init, scope] of refusals) {
        const problem = await expectProblem(
          await platform.request(path, init),
          403,
          "INSUFFICIENT_SCOPE",
        );
        assert.equal(problem.scope, scope, `${init.method ?? "GET"} ${path}`);
        assert.match(problem.detail, new RegExp(scope));
      }
    },
  );

  await t.step("a member cannot give a key inventory:write", async () => {
    await expectProblem(
      await platform.request(
        "/v1/api-keys",
        postJson({ name: "shop", scopes: ["inventory:write"] }, bearer(owner.accessToken)),
      ),
      403,
      "FORBIDDEN",
    );
  });

  await t.step("revocation takes effect at once, cache or not", async () => {
    assert.equal((await platform.request("/v1/me", { headers: asKey() })).status, 200);
    const revoked = await platform.request(`/v1/api-keys/${key.id}`, {
      method: "DELETE",
      headers: bearer(owner.accessToken),
    });
    assert.equal(revoked.status, 204);
    await expectProblem(
      await platform.request("/v1/me", { headers: asKey() }),
      401,
      "UNAUTHENTICATED",
    );
    await expectProblem(
      await platform.request(`/v1/api-keys/${key.id}`, {
        method: "DELETE",
        headers: bearer(owner.accessToken),
      }),
      404,
      "API_KEY_NOT_FOUND",
    );
  });

  await t.step("another member cannot revoke someone's key", async () => {
    const other = await signUp(platform);
    const mine = await createKey(platform, owner.accessToken, {
      name: "mine",
      scopes: ["profile:read"],
    });
    await expectProblem(
      await platform.request(`/v1/api-keys/${mine.id}`, {
        method: "DELETE",
        headers: bearer(other.accessToken),
      }),
      404,
      "API_KEY_NOT_FOUND",
    );
    assert.equal((await platform.request("/v1/me", { headers: bearer(mine.secret) })).status, 200);
  });
});

platformTest("[api keys] rate limits, metrics and conventions", async (t, open) => {
  const limit = { limit: 3, windowMs: 60_000 };
  const platform = await open({
    restRateLimits: {
      key: { ...limit, policy: "key" },
      user: { limit: 1000, windowMs: 60_000, policy: "user" },
      anonymous: { limit: 1000, windowMs: 60_000, policy: "ip" },
    },
  });
  const owner = await signUp(platform);
  const key = await createKey(platform, owner.accessToken, {
    name: "busy",
    scopes: ["profile:read"],
  });

  await t.step("every answer says where its caller stands; past the limit, 429", async () => {
    const first = await platform.request("/v1/me", { headers: bearer(key.secret) });
    assert.equal(first.status, 200);
    await first.body?.cancel();
    assert.equal(first.headers.get("ratelimit-policy"), '"key";q=3;w=60');
    assert.match(first.headers.get("ratelimit") ?? "", /^"key";r=2;t=\d+$/);
    for (let i = 0; i < 2; i++) {
      await (await platform.request("/v1/me", { headers: bearer(key.secret) })).body?.cancel();
    }
    const refused = await platform.request("/v1/me", { headers: bearer(key.secret) });
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.match(refused.headers.get("ratelimit") ?? "", /^"key";r=0;t=\d+$/);
    await expectProblem(refused, 429, "RATE_LIMITED");
    const session = await platform.request("/v1/me", { headers: bearer(owner.accessToken) });
    assert.equal(session.status, 200, "the member's own session has its own bucket");
    assert.match(session.headers.get("ratelimit-policy") ?? "", /^"user";q=1000;w=60$/);
    await session.body?.cancel();
    const anonymous = await platform.request("/v1/plans");
    assert.match(anonymous.headers.get("ratelimit") ?? "", /^"ip";r=\d+;t=\d+$/);
    await anonymous.body?.cancel();
  });

  await t.step("login lists its own policy beside the gateway's", async () => {
    const login = await platform.request(
      "/v1/auth/login",
      postJson({ email: owner.email, password: owner.password }),
    );
    assert.equal(login.status, 200);
    await login.body?.cancel();
    assert.match(
      login.headers.get("ratelimit-policy") ?? "",
      /"auth";q=\d+;w=60, "ip";q=1000;w=60/,
    );
  });

  await t.step("requests and 429s are counted by key id, never by secret", async () => {
    const metrics = await platform.scrapeMetrics();
    assert.match(
      metrics,
      new RegExp(`fitconnect_api_key_requests_total\\{[^}]*key_id="${key.id}"[^}]*\\} 4`),
    );
    assert.match(
      metrics,
      new RegExp(`fitconnect_api_key_rate_limited_total\\{[^}]*key_id="${key.id}"[^}]*\\} 1`),
    );
    assert.ok(!metrics.includes(key.secret));
  });

  await t.step("every cursor page links the next one", async () => {
    const page = await platform.request("/v1/exercises?limit=2&q=press");
    const body = await expectJson<{ nextCursor: string }>(page, 200);
    assert.equal(
      page.headers.get("link"),
      `</v1/exercises?limit=2&q=press&cursor=${body.nextCursor}>; rel="next"`,
    );
  });

  await t.step("JSON over 1 KB is gzipped for clients that accept it, ETags kept", async () => {
    const path = "/v1/exercises?limit=20";
    const plain = await platform.request(path);
    const text = await plain.text();
    assert.ok(text.length > 1024);
    assert.equal(plain.headers.get("content-encoding"), null);
    const zipped = await platform.request(path, { headers: { "accept-encoding": "gzip" } });
    assert.equal(zipped.headers.get("content-encoding"), "gzip");
    const etag = zipped.headers.get("etag")!;
    assert.equal(etag, plain.headers.get("etag")!.replace(/"$/, '-gzip"'));
    const unzipped = await new Response(
      zipped.body!.pipeThrough(new DecompressionStream("gzip")),
    ).text();
    assert.equal(unzipped, text);
    const again = await platform.request(path, {
      headers: { "accept-encoding": "gzip", "if-none-match": etag },
    });
    assert.equal(again.status, 304);
    const small = await platform.request("/v1/plans", { headers: { "accept-encoding": "gzip" } });
    assert.equal(small.headers.get("content-encoding"), null);
    await small.body?.cancel();
  });

  await t.step("PATCH preferences changes only the fields sent", async () => {
    const patch = (body: unknown) =>
      platform.request("/v1/notifications/preferences", {
        method: "PATCH",
        headers: bearer(owner.accessToken, { "content-type": "application/json" }),
        body: JSON.stringify(body),
      });
    const changed = await expectJson(await patch({ push: true }), 200);
    assert.deepEqual(changed, { inApp: true, email: true, push: true, quietHours: null });
    const quiet = await expectJson(
      await patch({ quietHours: { start: "22:00", end: "07:00" } }),
      200,
    );
    assert.deepEqual(quiet, {
      inApp: true,
      email: true,
      push: true,
      quietHours: { start: "22:00", end: "07:00" },
    });
    await expectProblem(await patch({ push: "yes" }), 422, "VALIDATION_FAILED");
    const read = await expectJson(
      await platform.request("/v1/notifications/preferences", {
        headers: bearer(owner.accessToken),
      }),
      200,
    );
    assert.deepEqual(read, quiet, "a refused patch changed nothing");
  });
});
