/**
 * The Identity section of the contract, end to end through the REST gateway:
 * registration, login, refresh, logout, JWKS, profiles, deletion, limits.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";
import { tokenAudience, tokenIssuer } from "../shared/auth/claims.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { decodeJwt, signUp } from "./support/identity.ts";
import { platformTest } from "./support/platform.ts";

interface AuthBody {
  user: { id: string; email: string; displayName: string };
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

platformTest("[identity] POST /v1/auth/register", async (t, open) => {
  const platform = await open();

  await t.step("creates an account and signs it in", async () => {
    const response = await platform.request(
      "/v1/auth/register",
      postJson({
        email: "  Ada@Example.COM ",
        password: "correct horse battery",
        displayName: " Ada ",
      }),
    );
    const body = await expectJson<AuthBody>(response, 201);
    assert.equal(body.user.email, "Ada@Example.COM");
    assert.equal(body.user.displayName, "Ada");
    assert.equal(body.tokenType, "Bearer");
    assert.equal(body.expiresIn, 900);
    assert.match(body.refreshToken, /^rt_[\w-]{43}$/);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.match(response.headers.get("ratelimit") ?? "", /^"auth";r=\d+;t=\d+/);
  });

  await t.step("compares emails case-insensitively: 409 EMAIL_TAKEN", async () => {
    await expectProblem(
      await platform.request(
        "/v1/auth/register",
        postJson({ email: "ada@example.com", password: "another password", displayName: "Eve" }),
      ),
      409,
      "EMAIL_TAKEN",
    );
  });

  await t.step("rejects bad input with 422 and pointers, storing nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: "x@example.com", password: "short", displayName: "X" }, "/password"],
      [{ email: "x@example.com", password: "x".repeat(129), displayName: "X" }, "/password"],
      [{ email: "x@example.com", password: "          ", displayName: "X" }, "/password"],
      [{ email: "not-an-email", password: "long enough pw", displayName: "X" }, "/email"],
      [{ email: "x@example.com", password: "long enough pw", displayName: "  " }, "/displayName"],
      [{ email: "x@example.com", password: "long enough pw" }, "/displayName"],
      [
        { email: "x@example.com", password: "long enough pw", displayName: "X", role: "admin" },
        "/role",
      ],
      [{ email: 42, password: "long enough pw", displayName: "X" }, "/email"],
      [
        { email: "x@example.com", password: "long enough pw", displayName: "A\u0000" },
        "/displayName",
      ],
    ];
    for (const [body, pointer] of cases) {
      const problem = await expectProblem(
        await platform.request("/v1/auth/register", postJson(body)),
        422,
        "VALIDATION_FAILED",
      );
      assert.ok(
        problem.errors?.some((error) => error.pointer === pointer),
        `${JSON.stringify(body)} → ${JSON.stringify(problem.errors)}`,
      );
    }
    const login = await platform.request(
      "/v1/auth/login",
      postJson({ email: "x@example.com", password: "long enough pw" }),
    );
    await expectProblem(login, 401, "INVALID_CREDENTIALS");
  });

  await t.step("malformed JSON is 400, a wrong media type 415", async () => {
    await expectProblem(
      await platform.request("/v1/auth/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      }),
      400,
      "MALFORMED_JSON",
    );
    await expectProblem(
      await platform.request("/v1/auth/register", { method: "POST", body: "email=x" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  await t.step("concurrent registrations of one email create exactly one account", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        platform.request(
          "/v1/auth/register",
          postJson({ email: "Race@example.com", password: "same password!", displayName: `R${i}` }),
        )),
    );
    const statuses = attempts.map((response) => response.status).sort();
    await Promise.all(attempts.map((response) => response.body?.cancel()));
    assert.deepEqual(statuses, [201, ...Array(9).fill(409)]);
    const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
      sql`select count(*)::int as n from auth.identities where email_normalized = 'race@example.com'`,
    );
    assert.equal(rows[0].n, 1);
  });
});

platformTest("[identity] POST /v1/auth/login", async (t, open) => {
  const platform = await open({
    auth: { limits: { failedLoginsPerAccount: { limit: 3, windowMs: 60_000 } } },
  });
  const user = await signUp(platform, { email: "grace@example.com" });

  await t.step("signs in with the same shape as register", async () => {
    const body = await expectJson<AuthBody>(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: "GRACE@example.com ", password: user.password }),
      ),
      200,
    );
    assert.equal(body.user.id, user.id);
    assert.equal(body.user.displayName, user.displayName);
    assert.notEqual(body.refreshToken, user.refreshToken);
  });

  await t.step("a wrong password and an unknown email give the same 401 body", async () => {
    const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
    const wrong = await expectProblem(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: user.email, password: "wrong password" }),
      ),
      401,
      "INVALID_CREDENTIALS",
    );
    const unknown = await expectProblem(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: "nobody@example.com", password: "wrong password" }),
      ),
      401,
      "INVALID_CREDENTIALS",
    );
    assert.deepEqual(strip(wrong), strip(unknown));
  });

  await t.step(
    "locks the account after repeated failures, even for the right password",
    async () => {
      for (let i = 0; i < 2; i++) {
        await expectProblem(
          await platform.request(
            "/v1/auth/login",
            postJson({ email: user.email, password: "nope nope" }),
          ),
          401,
          "INVALID_CREDENTIALS",
        );
      }
      const locked = await platform.request(
        "/v1/auth/login",
        postJson({ email: user.email, password: user.password }),
      );
      const headers = locked.headers;
      await expectProblem(locked, 429, "RATE_LIMITED");
      assert.ok(Number(headers.get("retry-after")) > 0);
      assert.match(headers.get("ratelimit-policy") ?? "", /^"login-failures";q=3;w=60\b/);
      assert.match(headers.get("ratelimit") ?? "", /^"login-failures";r=0;t=\d+\b/);
    },
  );

  await t.step("counts logins by result in fitconnect_logins_total", async () => {
    const text = await platform.scrapeMetrics();
    assert.match(text, /fitconnect_logins_total\{result="success",worker="auth"\} [1-9]/);
    assert.match(
      text,
      /fitconnect_logins_total\{result="invalid_credentials",worker="auth"\} [1-9]/,
    );
    assert.match(text, /fitconnect_logins_total\{result="rate_limited",worker="auth"\} [1-9]/);
    assert.match(text, /fitconnect_registrations_total\{result="success",worker="auth"\} [1-9]/);
  });

  await t.step("upgrades a hash made with weaker parameters on the next login", async () => {
    const other = await signUp(platform);
    const { argon2id } = await import("hash-wasm");
    const weak = await argon2id({
      password: other.password,
      salt: crypto.getRandomValues(new Uint8Array(16)),
      parallelism: 1,
      iterations: 1,
      memorySize: 8192,
      hashLength: 32,
      outputType: "encoded",
    });
    await platform.stores.postgres.db.execute(
      sql`update auth.identities set password_hash = ${weak} where id = ${other.id}`,
    );
    await expectJson(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: other.email, password: other.password }),
      ),
      200,
    );
    const { rows } = await platform.stores.postgres.db.execute<{ password_hash: string }>(
      sql`select password_hash from auth.identities where id = ${other.id}`,
    );
    assert.match(rows[0].password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

platformTest("[identity] rate limit per client IP", async (t, open) => {
  const platform = await open({
    auth: { limits: { perIp: { limit: 3, windowMs: 60_000 } } },
    trustedProxies: ["10.0.0.0/8"],
  });
  const attempt = (ip: string, headers: Record<string, string> = {}) =>
    platform.request(
      "/v1/auth/login",
      postJson({ email: "x@example.com", password: "whatever1" }, headers),
      ip,
    );

  await t.step("the fourth attempt from one address within a minute is 429", async () => {
    for (let i = 0; i < 3; i++) {
      await expectProblem(await attempt("203.0.113.7"), 401, "INVALID_CREDENTIALS");
    }
    const limited = await attempt("203.0.113.7");
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    await expectProblem(limited, 429, "RATE_LIMITED");
  });

  await t.step("another address is not affected", async () => {
    await expectProblem(await attempt("203.0.113.8"), 401, "INVALID_CREDENTIALS");
  });

  await t.step("X-Forwarded-For from an untrusted peer is ignored", async () => {
    await expectProblem(
      await attempt("203.0.113.7", { "x-forwarded-for": "198.51.100.1" }),
      429,
      "RATE_LIMITED",
    );
  });

  await t.step("X-Forwarded-For through a trusted proxy names the client", async () => {
    await expectProblem(
      await attempt("10.1.2.3", { "x-forwarded-for": "198.51.100.9, 10.9.9.9" }),
      401,
      "INVALID_CREDENTIALS",
    );
    for (let i = 0; i < 2; i++) {
      await (await attempt("10.1.2.3", { "x-forwarded-for": "198.51.100.9" })).body?.cancel();
    }
    await expectProblem(
      await attempt("10.4.4.4", { "x-forwarded-for": "198.51.100.9" }),
      429,
      "RATE_LIMITED",
    );
  });

  await t.step("a client cannot claim an address with the internal header", async () => {
    await expectProblem(
      await attempt("203.0.113.7", { "x-fitconnect-client-ip": "192.0.2.55" }),
      429,
      "RATE_LIMITED",
    );
  });
});

platformTest("[identity] refresh and logout", async (t, open) => {
  const platform = await open();
  const user = await signUp(platform);
  const refresh = (refreshToken: string) =>
    platform.request("/v1/auth/refresh", postJson({ refreshToken }));

  let second = "";
  await t.step("rotates: a new access and refresh token", async () => {
    const body = await expectJson<AuthBody>(await refresh(user.refreshToken), 200);
    assert.notEqual(body.refreshToken, user.refreshToken);
    assert.equal(body.user.id, user.id);
    await expectJson(await platform.request("/v1/me", { headers: bearer(body.accessToken) }), 200);
    second = body.refreshToken;
  });

  await t.step("a spent token again is REFRESH_TOKEN_REUSED and revokes the family", async () => {
    await expectProblem(await refresh(user.refreshToken), 401, "REFRESH_TOKEN_REUSED");
    await expectProblem(await refresh(second), 401, "UNAUTHENTICATED");
  });

  await t.step("logout ends the login; logging out twice is fine", async () => {
    const login = await expectJson<AuthBody>(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: user.email, password: user.password }),
      ),
      200,
    );
    const logout = await platform.request(
      "/v1/auth/logout",
      postJson({ refreshToken: login.refreshToken }),
    );
    assert.equal(logout.status, 204);
    await expectProblem(await refresh(login.refreshToken), 401, "UNAUTHENTICATED");
    assert.equal(
      (await platform.request("/v1/auth/logout", postJson({ refreshToken: login.refreshToken })))
        .status,
      204,
    );
  });

  await t.step("an unknown or empty refresh token is refused", async () => {
    await expectProblem(await refresh("rt_nonsense"), 401, "UNAUTHENTICATED");
    await expectProblem(await refresh(""), 422, "VALIDATION_FAILED");
  });

  await t.step("concurrent use of one token: one succeeds, the login is then revoked", async () => {
    const login = await expectJson<AuthBody>(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: user.email, password: user.password }),
      ),
      200,
    );
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(login.refreshToken)));
    const statuses = results.map((response) => response.status).sort();
    await Promise.all(results.map((response) => response.body?.cancel()));
    assert.equal(statuses.filter((status) => status === 200).length, 1);
    assert.ok(statuses.every((status) => status === 200 || status === 401));
  });
});

platformTest("[identity] access tokens and JWKS", async (t, open) => {
  const clock = { now: Date.now() };
  const platform = await open({ now: () => new Date(clock.now) });
  const user = await signUp(platform);
  const me = (token: string) => platform.request("/v1/me", { headers: bearer(token) });

  await t.step("JWKS publishes EdDSA public keys only", async () => {
    const response = await platform.request("/.well-known/jwks.json");
    const body = await expectJson<{ keys: Record<string, string>[] }>(response, 200);
    assert.ok(body.keys.length >= 1);
    for (const key of body.keys) {
      assert.equal(key.alg, "EdDSA");
      assert.equal(key.kty, "OKP");
      assert.equal(key.crv, "Ed25519");
      assert.equal(key.d, undefined);
      assert.ok(key.kid);
    }
    const { header } = decodeJwt(user.accessToken);
    assert.ok(body.keys.some((key) => key.kid === header.kid));
  });

  await t.step("tokens carry iss, aud, sub, exp, iat, jti and a kid; live 15 minutes", () => {
    const { header, payload } = decodeJwt(user.accessToken);
    assert.equal(header.alg, "EdDSA");
    assert.equal(payload.iss, tokenIssuer);
    assert.equal(payload.aud, tokenAudience);
    assert.equal(payload.sub, user.id);
    assert.equal(payload.role, "member");
    assert.equal(Number(payload.exp) - Number(payload.iat), 900);
    assert.equal(typeof payload.jti, "string");
  });

  const encode = (value: unknown) =>
    btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

  await t.step("refuses alg none", async () => {
    const { payload } = decodeJwt(user.accessToken);
    const token = `${encode({ alg: "none", typ: "JWT" })}.${encode(payload)}.`;
    await expectProblem(await me(token), 401, "UNAUTHENTICATED");
  });

  await t.step("refuses HS256 signed with the public key", async () => {
    const jwks = (await (await platform.request("/.well-known/jwks.json")).json()).keys;
    const { header, payload } = decodeJwt(user.accessToken);
    const secret = new TextEncoder().encode(JSON.stringify(jwks[0]));
    const token = await new SignJWT(payload).setProtectedHeader({
      alg: "HS256",
      kid: header.kid as string,
    })
      .sign(secret);
    await expectProblem(await me(token), 401, "UNAUTHENTICATED");
  });

  await t.step("refuses a tampered payload", async () => {
    const [header, , signature] = user.accessToken.split(".");
    const claims = decodeJwt(user.accessToken).payload;
    const token = [header, encode({ ...claims, role: "admin" }), signature].join(".");
    await expectProblem(await me(token), 401, "UNAUTHENTICATED");
  });

  await t.step("refuses ES256, even signed by a real key", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const { header, payload } = decodeJwt(user.accessToken);
    const token = await new SignJWT(payload).setProtectedHeader({
      alg: "ES256",
      kid: header.kid as string,
    })
      .sign(privateKey);
    await expectProblem(await me(token), 401, "UNAUTHENTICATED");
  });

  await t.step("refuses a token signed by another key, and an unknown kid", async () => {
    const { privateKey } = await generateKeyPair("EdDSA");
    const { header, payload } = decodeJwt(user.accessToken);
    for (const kid of [header.kid as string, "not-a-key"]) {
      const token = await new SignJWT(payload).setProtectedHeader({ alg: "EdDSA", kid }).sign(
        privateKey,
      );
      await expectProblem(await me(token), 401, "UNAUTHENTICATED");
    }
  });

  await t.step("refuses a wrong issuer or audience even when properly signed", async () => {
    // Sign with a key of our own but publish nothing: proves claims are checked
    // independently of the key (the verifier never sees this key).
    const { privateKey } = await generateKeyPair("EdDSA", { extractable: true });
    const jwk = await exportJWK(privateKey);
    const key = await importJWK({ ...jwk, alg: "EdDSA" }, "EdDSA");
    const base = decodeJwt(user.accessToken).payload;
    for (
      const claims of [{ ...base, iss: "https://evil.example" }, { ...base, aud: "other-api" }]
    ) {
      const token = await new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid: "x" }).sign(
        key,
      );
      await expectProblem(await me(token), 401, "UNAUTHENTICATED");
    }
  });

  await t.step("refuses garbage and missing tokens with WWW-Authenticate", async () => {
    for (
      const authorization of [
        "",
        "Bearer",
        "Bearer abc",
        "Basic dXNlcjpwYXNz",
        `Bearer ${user.accessToken}x`,
      ]
    ) {
      const response = await platform.request("/v1/me", {
        headers: authorization ? { authorization } : {},
      });
      assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
      await expectProblem(response, 401, "UNAUTHENTICATED");
    }
  });

  await t.step("an expired token is refused (controlled clock)", async () => {
    await expectJson(await me(user.accessToken), 200);
    clock.now += 15 * 60_000 + 1_000;
    await expectProblem(await me(user.accessToken), 401, "UNAUTHENTICATED");
  });
});

platformTest("[identity] GET/PATCH /v1/me and two users", async (t, open) => {
  const platform = await open();
  const ada = await signUp(platform, { displayName: "Ada" });
  const bob = await signUp(platform, { displayName: "Bob" });

  await t.step("returns the caller's own profile with an ETag", async () => {
    const response = await platform.request("/v1/me", { headers: bearer(ada.accessToken) });
    const etag = response.headers.get("etag");
    const body = await expectJson<Record<string, unknown>>(response, 200);
    assert.ok(etag);
    assert.equal(body.id, ada.id);
    assert.equal(body.email, ada.email);
    assert.equal(body.displayName, "Ada");
    assert.equal(body.units, "metric");
    assert.equal(body.timezone, "UTC");
    assert.deepEqual(body.goals, []);
    assert.equal(body.role, "member");
    for (const key of ["createdAt", "updatedAt"]) {
      assert.match(String(body[key]), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
  });

  await t.step("PATCH changes only the caller; If-Match is honoured", async () => {
    const current = await platform.request("/v1/me", { headers: bearer(ada.accessToken) });
    const etag = current.headers.get("etag")!;
    await current.body?.cancel();
    const patch = (token: string, body: unknown, extra: Record<string, string> = {}) =>
      platform.request("/v1/me", {
        method: "PATCH",
        headers: { "content-type": "application/json", ...bearer(token, extra) },
        body: JSON.stringify(body),
      });
    const updated = await expectJson<Record<string, unknown>>(
      await patch(ada.accessToken, { timezone: "Europe/Berlin", goals: ["squat 100 kg"] }, {
        "if-match": etag,
      }),
      200,
    );
    assert.equal(updated.timezone, "Europe/Berlin");
    await expectProblem(
      await patch(ada.accessToken, { bio: "stale" }, { "if-match": etag }),
      412,
      "PRECONDITION_FAILED",
    );
    await expectProblem(
      await patch(ada.accessToken, { timezone: "Mars/Olympus" }),
      422,
      "VALIDATION_FAILED",
    );
    const bobView = await expectJson<Record<string, unknown>>(
      await platform.request("/v1/me", { headers: bearer(bob.accessToken) }),
      200,
    );
    assert.equal(bobView.id, bob.id);
    assert.equal(bobView.timezone, "UTC");
    assert.deepEqual(bobView.goals, []);
  });

  await t.step("one user's refresh token cannot be spent by logging the other out", async () => {
    assert.equal(
      (await platform.request("/v1/auth/logout", postJson({ refreshToken: ada.refreshToken })))
        .status,
      204,
    );
    await expectJson(
      await platform.request("/v1/auth/refresh", postJson({ refreshToken: bob.refreshToken })),
      200,
    );
  });
});

platformTest("[identity] DELETE /v1/me closes the account", async (t, open) => {
  const platform = await open();
  const user = await signUp(platform);
  const other = await signUp(platform);

  await t.step("204, then the token, the refresh token and the password stop working", async () => {
    const response = await platform.request("/v1/me", {
      method: "DELETE",
      headers: bearer(user.accessToken),
    });
    assert.equal(response.status, 204);
    await expectProblem(
      await platform.request("/v1/me", { headers: bearer(user.accessToken) }),
      401,
      "UNAUTHENTICATED",
    );
    await expectProblem(
      await platform.request("/v1/auth/refresh", postJson({ refreshToken: user.refreshToken })),
      401,
      "UNAUTHENTICATED",
    );
    await expectProblem(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: user.email, password: user.password }),
      ),
      401,
      "INVALID_CREDENTIALS",
    );
  });

  await t.step("nothing of the identity or profile remains", async () => {
    const db = platform.stores.postgres.db;
    const count = async (query: ReturnType<typeof sql>) =>
      (await db.execute<{ n: number }>(query)).rows[0].n;
    assert.equal(
      await count(sql`select count(*)::int as n from auth.identities where id = ${user.id}`),
      0,
    );
    assert.equal(
      await count(
        sql`select count(*)::int as n from auth.refresh_families where user_id = ${user.id}`,
      ),
      0,
    );
    assert.equal(
      await count(sql`select count(*)::int as n from users.profiles where user_id = ${user.id}`),
      0,
    );
  });

  await t.step("the other user is untouched, and the email can sign up again", async () => {
    await expectJson(await platform.request("/v1/me", { headers: bearer(other.accessToken) }), 200);
    await signUp(platform, { email: user.email });
  });
});

platformTest("[identity] the first admin", async (t, open) => {
  const platform = await open();

  await t.step("without configuration, one admin is generated once", async () => {
    const created = await platform.ensureAdmin(undefined);
    assert.ok(created?.password && created.password.length >= 20);
    assert.equal(await platform.ensureAdmin(undefined), null);
    const login = await expectJson<AuthBody>(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: created.email, password: created.password }),
      ),
      200,
    );
    assert.equal(decodeJwt(login.accessToken).payload.role, "admin");
  });

  await t.step("an existing account is promoted only with its own password", async () => {
    const member = await signUp(platform);
    assert.deepEqual(
      await platform.ensureAdmin({ email: member.email, password: "not the member's password" }),
      { outcome: "refused", email: member.email },
    );
    const role = async () =>
      decodeJwt(
        (await expectJson<AuthBody>(
          await platform.request(
            "/v1/auth/login",
            postJson({ email: member.email, password: member.password }),
          ),
          200,
        )).accessToken,
      ).payload.role;
    assert.equal(await role(), "member");
    assert.deepEqual(
      await platform.ensureAdmin({ email: member.email, password: member.password }),
      { outcome: "promoted", email: member.email },
    );
    assert.equal(await role(), "admin");
  });
});
