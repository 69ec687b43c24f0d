/**
 * The findings of the auth security review, each through the public HTTP
 * surface on real stores: the first admin, the account lock under
 * concurrency, logout and refresh-token reuse ending access tokens, token
 * age, a JWKS outage, closing an account after a failure, and path ids.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { importJWK, type JWK, SignJWT } from "jose";
import * as v from "valibot";
import { tokenAlgorithm, tokenAudience, tokenIssuer } from "../shared/auth/claims.ts";
import type { Fetcher } from "../shared/bindings/service_binding.ts";
import { parseConfig } from "../shared/config/parse_config.ts";
import { createLogger, memorySink } from "../shared/logging/logger.ts";
import { revocationsNamespace } from "../shared/runtime/authentication.ts";
import type { KeyValueStore } from "../shared/stores/kv/port.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { decodeJwt, signUp, type TestUser } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import { authEntries, bootstrapAdmin, generateSigningJwk } from "../workers/auth/testing.ts";

interface AuthBody {
  user: { id: string; email: string; displayName: string };
  accessToken: string;
  refreshToken: string;
}

const login = (platform: TestPlatform, user: Pick<TestUser, "email" | "password">) =>
  platform.request("/v1/auth/login", postJson({ email: user.email, password: user.password }));

const me = (platform: TestPlatform, token: string) =>
  platform.request("/v1/me", { headers: bearer(token) });

/** One row count from SQL. */
async function count(platform: TestPlatform, query: ReturnType<typeof sql>): Promise<number> {
  const result = await platform.stores.postgres.db.execute<{ n: number }>(query);
  return result.rows[0].n;
}

/** `store` whose `method` throws once each time `fault.armed` is set: a store that blips. */
function blipping(
  store: KeyValueStore,
  method: "set" | "delete",
  fault: { armed: boolean },
): KeyValueStore {
  const once = () => {
    if (!fault.armed) return;
    fault.armed = false;
    throw new Error(`key-value ${method} failed (injected)`);
  };
  return {
    ...store,
    set: (key, value, options) => {
      if (method === "set") once();
      return store.set(key, value, options);
    },
    delete: (key) => {
      if (method === "delete") once();
      return store.delete(key);
    },
  };
}

platformTest("[auth] the first admin from configuration", async (t, open) => {
  const platform = await open();
  const roleAfterLogin = async (user: Pick<TestUser, "email" | "password">) =>
    decodeJwt((await expectJson<AuthBody>(await login(platform, user), 200)).accessToken)
      .payload.role;
  const start = (email: string, password: string) =>
    bootstrapAdmin(
      platform.ensureAdmin,
      parseConfig(v.object(authEntries), {
        FITCONNECT_ADMIN_EMAIL: email,
        FITCONNECT_ADMIN_PASSWORD: password,
      }),
      { generate: false, log: createLogger({ level: "silent", sink: memorySink() }) },
    );

  await t.step("a member who holds the admin email is not promoted by the next start", async () => {
    const member = await signUp(platform, { password: "the member's own password" });
    await start(member.email, "the operator's admin password");
    assert.equal(await roleAfterLogin(member), "member");
    await expectProblem(
      await login(platform, { email: member.email, password: "the operator's admin password" }),
      401,
      "INVALID_CREDENTIALS",
    );
    const warning = platform.logs.map((line) => JSON.parse(line)).find((line) =>
      line.level === "warn" && String(line.message).startsWith("admin not promoted")
    );
    assert.ok(warning, "a warning names the refusal");
    assert.equal(warning.email, member.email);
  });

  await t.step("ensureAdmin says it refused", async () => {
    const member = await signUp(platform);
    const outcome = await platform.ensureAdmin({
      email: member.email,
      password: "not the member's password",
    });
    assert.deepEqual(outcome, { outcome: "refused", email: member.email });
    assert.equal(await roleAfterLogin(member), "member");
  });

  await t.step("the account's own password proves ownership: promoted", async () => {
    const member = await signUp(platform, { password: "operator owns this one" });
    await start(member.email, member.password);
    assert.equal(await roleAfterLogin(member), "admin");
  });

  await t.step("a missing account is created with the configured password", async () => {
    const admin = { email: "root@example.com", password: "configured admin password" };
    await start(admin.email, admin.password);
    assert.equal(await roleAfterLogin(admin), "admin");
    assert.deepEqual(await platform.ensureAdmin(admin), null);
  });
});

platformTest("[auth] POST /v1/auth/login under concurrency", async (t, open) => {
  // The auth worker's increments of each key that are in flight now, and the most ever seen.
  const inFlight = new Map<string, number>();
  let mostInFlight = 0;
  const platform = await open({
    kvFor: (worker, original) => {
      const store = original(worker);
      if (worker !== "auth") return store;
      return {
        ...store,
        async increment(key, options) {
          const now = (inFlight.get(key) ?? 0) + 1;
          inFlight.set(key, now);
          mostInFlight = Math.max(mostInFlight, now);
          try {
            return await store.increment(key, options);
          } finally {
            inFlight.set(key, inFlight.get(key)! - 1);
          }
        },
      };
    },
  });

  await t.step("25 concurrent wrong passwords: at most 10 are checked, the rest 429", async () => {
    const user = await signUp(platform);
    const responses = await Promise.all(
      Array.from({ length: 25 }, () => login(platform, { email: user.email, password: "guess!" })),
    );
    const unauthorized = responses.filter((response) => response.status === 401);
    const limited = responses.filter((response) => response.status === 429);
    assert.ok(unauthorized.length <= 10, `${unauthorized.length} passwords were checked`);
    assert.equal(unauthorized.length + limited.length, 25);
    for (const response of unauthorized) await expectProblem(response, 401, "INVALID_CREDENTIALS");
    for (const response of limited) {
      const headers = response.headers;
      await expectProblem(response, 429, "RATE_LIMITED");
      assert.ok(Number(headers.get("retry-after")) > 0);
      assert.match(headers.get("ratelimit-policy") ?? "", /^"login-failures";q=10;w=\d+\b/);
      assert.match(headers.get("ratelimit") ?? "", /^"login-failures";r=0;t=[1-9]\d*\b/);
    }
    // Locked: the right password waits out the window too.
    await expectProblem(await login(platform, user), 429, "RATE_LIMITED");
    // The burst never raced on a key (on Deno KV, a race of 25 is retries, timeouts and 503s).
    assert.equal(mostInFlight, 1, "one increment of a key at a time");
  });

  await t.step("successful logins do not use up the account's budget", async () => {
    const user = await signUp(platform);
    for (let i = 0; i < 12; i++) await expectJson(await login(platform, user), 200);
    await expectProblem(
      await login(platform, { email: user.email, password: "wrong password" }),
      401,
      "INVALID_CREDENTIALS",
    );
  });
});

platformTest("[auth] ending a login ends its access tokens", async (t, open) => {
  const revocationReads = { count: 0 };
  const platform = await open({
    kvFor: (worker, original) => {
      const store = original(worker);
      if (worker !== revocationsNamespace) return store;
      return {
        ...store,
        get: <T>(key: string) => (revocationReads.count++, store.get<T>(key)),
        getMany: <T>(keys: string[]) => (revocationReads.count++, store.getMany<T>(keys)),
      };
    },
  });
  const user = await signUp(platform);
  const signIn = async () => await expectJson<AuthBody>(await login(platform, user), 200);

  await t.step("every authenticated request reads revocations in one round trip", async () => {
    revocationReads.count = 0;
    await expectJson(await me(platform, user.accessToken), 200);
    assert.equal(revocationReads.count, 1);
  });

  await t.step("POST /v1/auth/logout: that login's access token is 401 at once", async () => {
    const session = await signIn();
    await expectJson(await me(platform, session.accessToken), 200);
    const response = await platform.request(
      "/v1/auth/logout",
      postJson({ refreshToken: session.refreshToken }),
    );
    assert.equal(response.status, 204);
    await expectProblem(await me(platform, session.accessToken), 401, "UNAUTHENTICATED");
    // Another login of the same member is not affected.
    await expectJson(await me(platform, user.accessToken), 200);
  });

  await t.step("a reused refresh token: every access token of that login is 401", async () => {
    const session = await signIn();
    const rotated = await expectJson<AuthBody>(
      await platform.request("/v1/auth/refresh", postJson({ refreshToken: session.refreshToken })),
      200,
    );
    await expectJson(await me(platform, rotated.accessToken), 200);
    await expectProblem(
      await platform.request("/v1/auth/refresh", postJson({ refreshToken: session.refreshToken })),
      401,
      "REFRESH_TOKEN_REUSED",
    );
    for (const token of [session.accessToken, rotated.accessToken]) {
      await expectProblem(await me(platform, token), 401, "UNAUTHENTICATED");
    }
    await expectJson(await me(platform, user.accessToken), 200);
  });
});

platformTest("[auth] token age", async (t, open) => {
  const jwk = await generateSigningJwk();
  const platform = await open({ auth: { signingKeys: [jwk] } });
  const user = await signUp(platform);
  const key = await importJWK({ ...jwk, alg: tokenAlgorithm }, tokenAlgorithm);
  const nowSec = () => Math.floor(Date.now() / 1000);
  const signed = (iat: number, exp: number) =>
    new SignJWT({ role: "member", sid: decodeJwt(user.accessToken).payload.sid as string })
      .setProtectedHeader({ alg: tokenAlgorithm, kid: jwk.kid!, typ: "JWT" })
      .setIssuer(tokenIssuer).setAudience(tokenAudience).setSubject(user.id)
      .setJti(crypto.randomUUID()).setIssuedAt(iat).setExpirationTime(exp)
      .sign(key);

  await t.step(
    "a token signed by the real key, issued now for 15 minutes, is accepted",
    async () => {
      await expectJson(await me(platform, await signed(nowSec(), nowSec() + 900)), 200);
    },
  );

  await t.step("an iat a little ahead (clock skew, 30 s) is accepted", async () => {
    await expectJson(await me(platform, await signed(nowSec() + 30, nowSec() + 930)), 200);
  });

  await t.step("an iat in the future beyond the skew is 401", async () => {
    const iat = nowSec() + 10 * 60;
    await expectProblem(await me(platform, await signed(iat, iat + 900)), 401, "UNAUTHENTICATED");
  });

  await t.step("a lifetime longer than 15 minutes is 401", async () => {
    for (const lifetime of [901, 24 * 3600, 10 * 365 * 24 * 3600]) {
      await expectProblem(
        await me(platform, await signed(nowSec(), nowSec() + lifetime)),
        401,
        "UNAUTHENTICATED",
      );
    }
  });
});

platformTest("[auth] JWKS outage", async (t, open) => {
  const platform = await open();
  const user = await signUp(platform);
  const auth = platform.workers.auth;
  const down: Fetcher = {
    fetch: () => Promise.reject(new TypeError("connection refused (auth is down)")),
  };

  await t.step("no key known yet: 503 SERVICE_UNAVAILABLE with Retry-After", async () => {
    platform.workers.auth = down;
    const response = await me(platform, user.accessToken);
    assert.ok(Number(response.headers.get("retry-after")) > 0);
    await expectProblem(response, 503, "SERVICE_UNAVAILABLE");
  });

  await t.step("auth back: the keys are fetched again and the token verifies", async () => {
    platform.workers.auth = auth;
    // A failed fetch is retried after a second, not on every request.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expectJson(await me(platform, user.accessToken), 200);
  });

  await t.step("auth down with keys known: they keep working; an unknown kid is 401", async () => {
    platform.workers.auth = down;
    try {
      await expectJson(await me(platform, user.accessToken), 200);
      const other = await generateSigningJwk();
      const token = await new SignJWT(decodeJwt(user.accessToken).payload)
        .setProtectedHeader({ alg: tokenAlgorithm, kid: other.kid! })
        .sign(await importJWK(other as JWK, tokenAlgorithm));
      await expectProblem(await me(platform, token), 401, "UNAUTHENTICATED");
    } finally {
      platform.workers.auth = auth;
    }
  });
});

platformTest("[auth] DELETE /v1/me after a failure", async (t, open) => {
  const usersCache = { armed: false };
  const revocationsStore = { armed: false };
  const platform = await open({
    kvFor: (worker, original) => {
      if (worker === "users") return blipping(original(worker), "delete", usersCache);
      if (worker === revocationsNamespace) {
        return blipping(original(worker), "set", revocationsStore);
      }
      return original(worker);
    },
  });
  const closeAccount = (user: TestUser) =>
    platform.request("/v1/me", { method: "DELETE", headers: bearer(user.accessToken) });

  async function assertClosed(user: TestUser) {
    assert.equal(
      await count(
        platform,
        sql`select count(*)::int as n from auth.identities where id = ${user.id}`,
      ),
      0,
    );
    assert.equal(
      await count(
        platform,
        sql`select count(*)::int as n from users.profiles where user_id = ${user.id}`,
      ),
      0,
    );
    assert.equal(
      await count(
        platform,
        sql`select count(*)::int as n from auth.outbox
            where type = 'UserDeleted' and payload->>'userId' = ${user.id}`,
      ),
      1,
    );
    await expectProblem(await me(platform, user.accessToken), 401, "UNAUTHENTICATED");
    await expectProblem(await login(platform, user), 401, "INVALID_CREDENTIALS");
  }

  await t.step("the users side fails once: 503, and the retry closes everything", async () => {
    const user = await signUp(platform);
    await expectJson(await me(platform, user.accessToken), 200);
    usersCache.armed = true;
    const failed = await closeAccount(user);
    assert.equal(failed.headers.get("retry-after"), "1");
    await expectProblem(failed, 503, "SERVICE_UNAVAILABLE");
    assert.equal(usersCache.armed, false, "the fault was hit");
    // Nothing revoked yet: the member can retry with the same token.
    const retry = await closeAccount(user);
    assert.equal(retry.status, 204);
    await assertClosed(user);
  });

  await t.step("stopped after the profile went: the member signs in and closes it", async () => {
    const user = await signUp(platform);
    // Step one of a closing that went no further: the profile removed, the identity kept.
    const removed = await platform.workers.users.fetch(
      new Request(`http://users.internal/internal/profiles/${user.id}`, {
        method: "DELETE",
        headers: { "x-fitconnect-internal": platform.internalSecret },
      }),
    );
    assert.equal(removed.status, 204);
    const session = await expectJson<AuthBody>(await login(platform, user), 200);
    assert.equal(session.user.id, user.id);
    const retry = await platform.request("/v1/me", {
      method: "DELETE",
      headers: bearer(session.accessToken),
    });
    assert.equal(retry.status, 204);
    await assertClosed(user);
  });

  await t.step("the auth side fails once (revocation store): the retry finishes", async () => {
    const user = await signUp(platform);
    revocationsStore.armed = true;
    await expectProblem(await closeAccount(user), 503, "SERVICE_UNAVAILABLE");
    assert.equal(revocationsStore.armed, false, "the fault was hit");
    assert.equal((await closeAccount(user)).status, 204);
    await assertClosed(user);
  });
});

platformTest("[auth] path ids of internal identity routes", async (t, open) => {
  const platform = await open();
  const remove = (id: string) =>
    platform.workers.auth.fetch(
      new Request(`http://auth.internal/internal/identities/${id}`, {
        method: "DELETE",
        headers: { "x-fitconnect-internal": platform.internalSecret },
      }),
    );

  await t.step("%00, junk and oversized ids are 404 problem+json, never 5xx", async () => {
    for (const id of ["%00", "x%00y", "not-a-uuid", "%ZZ", "%E2%82", "a".repeat(5_000)]) {
      await expectProblem(await remove(id), 404, "IDENTITY_NOT_FOUND");
    }
  });

  await t.step("an unknown well-formed id is 204: closing is idempotent", async () => {
    const response = await remove(crypto.randomUUID());
    assert.equal(response.status, 204);
  });
});
