/**
 * Cookie sessions (the web app's mode), end to end through the REST gateway:
 * the refresh token only in an `HttpOnly`, `SameSite=Strict` cookie scoped to
 * `/v1/auth`, rotated and reuse-checked as in JSON mode, and refused to any
 * request another origin could have made.
 */
import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface CookieAuthBody {
  user: { id: string; email: string };
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
}

const cookieMode = { "x-fitconnect-session": "cookie" };
const csrf = { ...cookieMode, "x-fitconnect-csrf": "1" };

/** The one Set-Cookie of `response` for the refresh cookie, split into its attributes. */
function refreshCookieOf(response: Response) {
  const cookies = response.headers.getSetCookie().filter((line) =>
    line.startsWith("fitconnect_refresh=")
  );
  assert.equal(cookies.length, 1, `one refresh cookie in ${JSON.stringify(cookies)}`);
  const [pair, ...attributes] = cookies[0].split(";").map((part) => part.trim());
  return {
    value: pair.slice("fitconnect_refresh=".length),
    attributes: attributes.map((attribute) => attribute.toLowerCase()),
  };
}

function cookieHeader(value: string) {
  return { cookie: `fitconnect_refresh=${value}` };
}

async function cookieLogin(platform: TestPlatform, base = "") {
  const user = await signUp(platform);
  const response = await platform.request(
    `${base}/v1/auth/login`,
    postJson({ email: user.email, password: user.password }, cookieMode),
  );
  const body = await expectJson<CookieAuthBody>(response, 200);
  return { user, body, cookie: refreshCookieOf(response) };
}

function refresh(platform: TestPlatform, cookie: string, headers: Record<string, string> = csrf) {
  return platform.request("/v1/auth/refresh", {
    method: "POST",
    headers: { ...headers, ...cookieHeader(cookie) },
  });
}

platformTest("[identity] cookie sessions", async (t, open) => {
  const platform = await open();

  await t.step("register in cookie mode: the refresh token only in the cookie", async () => {
    const response = await platform.request(
      "/v1/auth/register",
      postJson(
        { email: "cookie-ada@example.com", password: "correct horse battery", displayName: "Ada" },
        { ...cookieMode, origin: "http://localhost" },
      ),
    );
    const body = await expectJson<CookieAuthBody>(response, 201);
    assert.equal(body.refreshToken, undefined);
    assert.ok(!JSON.stringify(body).includes("rt_"), "no refresh token anywhere in the body");
    const cookie = refreshCookieOf(response);
    assert.match(cookie.value, /^rt_[\w-]{43}$/);
    assert.ok(cookie.attributes.includes("httponly"));
    assert.ok(cookie.attributes.includes("samesite=strict"));
    assert.ok(cookie.attributes.includes("path=/v1/auth"));
    assert.ok(cookie.attributes.includes(`max-age=${30 * 24 * 3600}`));
    assert.ok(!cookie.attributes.includes("secure"), "not Secure on localhost");
    assert.equal(response.headers.get("cache-control"), "no-store");
    const me = await platform.request("/v1/me", { headers: bearer(body.accessToken) });
    assert.equal(me.status, 200);
  });

  await t.step("Secure on any host but localhost and 127.0.0.1", async () => {
    for (const [base, secure] of [["http://127.0.0.1", false], ["https://fit.example", true]]) {
      const { cookie } = await cookieLogin(platform, base as string);
      assert.equal(cookie.attributes.includes("secure"), secure, `${base}`);
    }
  });

  await t.step("refresh reads the cookie and rotates it; the old one is spent", async () => {
    const { body, cookie } = await cookieLogin(platform);
    const response = await refresh(platform, cookie.value, {
      ...csrf,
      origin: "http://localhost",
    });
    const refreshed = await expectJson<CookieAuthBody>(response, 200);
    assert.equal(refreshed.refreshToken, undefined);
    assert.notEqual(refreshed.accessToken, body.accessToken);
    const next = refreshCookieOf(response);
    assert.notEqual(next.value, cookie.value);
    assert.ok(next.attributes.includes("httponly") && next.attributes.includes("path=/v1/auth"));
    assert.equal(
      (await platform.request("/v1/me", { headers: bearer(refreshed.accessToken) })).status,
      200,
    );

    // The old cookie again: reuse, the whole login revoked, the browser told to drop it.
    const replay = await refresh(platform, cookie.value);
    await expectProblem(replay, 401, "REFRESH_TOKEN_REUSED");
    assert.ok(refreshCookieOf(replay).attributes.includes("max-age=0"));
    await expectProblem(await refresh(platform, next.value), 401, "UNAUTHENTICATED");
    await expectProblem(
      await platform.request("/v1/me", { headers: bearer(refreshed.accessToken) }),
      401,
      "UNAUTHENTICATED",
    );
  });

  await t.step("without a cookie: 401, nothing to rotate", async () => {
    await expectProblem(
      await platform.request("/v1/auth/refresh", { method: "POST", headers: csrf }),
      401,
      "UNAUTHENTICATED",
    );
  });

  await t.step("CSRF: refused (403) without the header or from another origin", async () => {
    const { cookie } = await cookieLogin(platform);
    const refusals: [string, Record<string, string>][] = [
      ["no CSRF header", cookieMode],
      ["a wrong CSRF value", { ...cookieMode, "x-fitconnect-csrf": "yes" }],
      ["another origin", { ...csrf, origin: "https://evil.example" }],
      ["another port", { ...csrf, origin: "http://localhost:5173" }],
      ["an opaque origin", { ...csrf, origin: "null" }],
      // What the gateway says about the origin is the gateway's to say.
      [
        "a forged origin claim",
        { ...csrf, origin: "https://evil.example", "x-fitconnect-origin": "https://evil.example" },
      ],
    ];
    for (const [why, headers] of refusals) {
      for (const path of ["/v1/auth/refresh", "/v1/auth/logout"]) {
        const response = await platform.request(path, {
          method: "POST",
          headers: { ...headers, ...cookieHeader(cookie.value) },
        });
        await expectProblem(response, 403, "FORBIDDEN");
        assert.deepEqual(response.headers.getSetCookie(), [], `${why}: the cookie is left alone`);
      }
    }
    // Cookie-mode login from another origin is refused too, before the password is checked.
    const user = await signUp(platform);
    await expectProblem(
      await platform.request(
        "/v1/auth/login",
        postJson(
          { email: user.email, password: user.password },
          { ...cookieMode, origin: "https://evil.example" },
        ),
      ),
      403,
      "FORBIDDEN",
    );
    // None of the refusals spent the cookie.
    await expectJson(await refresh(platform, cookie.value), 200);
  });

  await t.step("logout reads the cookie, clears it and ends the login", async () => {
    const { body, cookie } = await cookieLogin(platform);
    const response = await platform.request("/v1/auth/logout", {
      method: "POST",
      headers: { ...csrf, origin: "http://localhost", ...cookieHeader(cookie.value) },
    });
    assert.equal(response.status, 204);
    const cleared = refreshCookieOf(response);
    assert.equal(cleared.value, "");
    assert.ok(cleared.attributes.includes("max-age=0"));
    assert.ok(cleared.attributes.includes("path=/v1/auth"));
    await expectProblem(await refresh(platform, cookie.value), 401, "UNAUTHENTICATED");
    await expectProblem(
      await platform.request("/v1/me", { headers: bearer(body.accessToken) }),
      401,
      "UNAUTHENTICATED",
    );
  });

  await t.step("JSON mode is unchanged: the token in the body, no cookie", async () => {
    const user = await signUp(platform);
    const login = await platform.request(
      "/v1/auth/login",
      postJson({ email: user.email, password: user.password }),
    );
    const body = await expectJson<CookieAuthBody>(login, 200);
    assert.match(body.refreshToken ?? "", /^rt_/);
    assert.deepEqual(login.headers.getSetCookie(), []);
    // A stray cookie changes nothing: JSON mode reads the body.
    const refreshed = await platform.request(
      "/v1/auth/refresh",
      postJson({ refreshToken: body.refreshToken }, cookieHeader("rt_stray")),
    );
    const next = await expectJson<CookieAuthBody>(refreshed, 200);
    assert.match(next.refreshToken ?? "", /^rt_/);
    assert.deepEqual(refreshed.headers.getSetCookie(), []);
    await expectProblem(
      await platform.request("/v1/auth/refresh", { method: "POST", headers: cookieHeader("x") }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });
});
