/**
 * Hostile cases at the edge: dot segments in every encoding (over a raw
 * socket), a fuzzer from every public prefix to every `/internal` route, junk
 * ids, made-up methods, deep JSON, `/metrics` without its token.
 *
 * @module
 */
import assert from "node:assert/strict";
import { internalSecretHeader } from "../../../shared/bindings/service_binding.ts";
import { publicRoutes } from "../../../workers/gateway-rest/testing.ts";
import {
  dotDotSpellings,
  fillParams,
  junkIds,
  routesOf,
  seededRandom,
  traversal,
} from "../hostile_paths.ts";
import { bearer, postJson } from "../../../shared/testing/requests.ts";
import { signUp } from "../identity.ts";
import { openEmbedded } from "../platform.ts";
import { rawRequest } from "../raw_http.ts";
import type { SecurityTarget } from "../security_target.ts";

const sku = "SUP-CREATINE-500G";

/** The edge: paths, methods, bodies and the operator's door, tried on the socket. */
export async function edgeCases(t: Deno.TestContext, target: SecurityTarget) {
  const victim = await signUp(target);
  const raw = (method: string, path: string, headers: Record<string, string> = {}) =>
    rawRequest(target.port, method, path, { headers });

  await t.step("critical: dot segments never reach /internal", async (t) => {
    await t.step("GET /v1/me/%2e%2e/%2e%2e/internal/profiles/:id → 400, no email", async () => {
      const response = await raw("GET", `/v1/me/%2e%2e/%2e%2e/internal/profiles/${victim.id}`);
      assertRefusedPath(response);
      assert.ok(!response.body.includes(victim.email));
    });
    await t.step("GET /v1/auth/../../internal/auth/admins (path as is) → 400", async () => {
      assertRefusedPath(await raw("GET", "/v1/auth/../../internal/auth/admins"));
    });
    await t.step("DELETE /v1/auth/../../internal/identities/:id → 400, account kept", async () => {
      assertRefusedPath(await raw("DELETE", `/v1/auth/../../internal/identities/${victim.id}`));
      const login = await target.request(
        "/v1/auth/login",
        postJson({ email: victim.email, password: victim.password }),
      );
      assert.equal(login.status, 200);
      await login.body?.cancel();
    });
    await t.step("POST /v1/inventory/%2e%2e/…/reservations → 400, stock unchanged", async () => {
      const before = await available(target);
      const response = await rawRequest(
        target.port,
        "POST",
        "/v1/inventory/%2e%2e/%2e%2e/internal/inventory/reservations",
        {
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ reservationId: "r-attack", lines: [{ sku, quantity: 5 }] }),
        },
      );
      assertRefusedPath(response);
      assert.equal(await available(target), before);
    });
    for (const spelling of [...dotDotSpellings, "%2e", "a%00b", "%5cinternal"]) {
      await t.step(`a segment spelled ${JSON.stringify(spelling)} → 400`, async () => {
        const response = await raw("GET", `/v1/exercises/${spelling}/x`);
        assert.equal(response.status, 400, response.body);
      });
    }
  });

  await t.step("/internal/* from outside: 404 even with a forged secret header", async () => {
    for (const path of ["/internal/health", "/internal/auth/admins", "/internal/queue/messages"]) {
      const response = await raw("GET", path, { [internalSecretHeader]: "x".repeat(43) });
      assert.equal(response.status, 404, `${path}: ${response.body}`);
    }
    const publish = await rawRequest(target.port, "POST", "/internal/queue/messages", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "UserDeleted", payload: { userId: victim.id } }),
    });
    assert.equal(publish.status, 404);
  });

  await t.step("fuzzer: every public prefix × every /internal route → no 2xx, no 5xx", async () => {
    const seed = Number(Deno.env.get("FITCONNECT_FUZZ_SEED") ?? Date.now() % 100_000);
    const random = seededRandom(seed);
    const internal = await internalRoutes();
    let sent = 0;
    for (const [prefix] of publicRoutes) {
      for (const route of internal) {
        const path = traversal(prefix, fillParams(route.path, victim.id), random);
        const response = await raw(route.method, path, bearer(victim.accessToken));
        sent++;
        assert.ok(
          response.status >= 400 && response.status < 500,
          `seed ${seed}: ${route.method} ${path} → ${response.status} ${response.body}`,
        );
      }
    }
    assert.ok(sent > 200, `only ${sent} paths tried`);
  });

  await t.step("junk ids on every public route with a parameter → no 5xx", async () => {
    for (const route of await publicParamRoutes()) {
      for (const junk of junkIds) {
        const path = fillParams(route.path, junk);
        const response = await rawRequest(target.port, route.method, path, {
          headers: { ...bearer(victim.accessToken), "content-type": "application/json" },
          body: route.method === "GET" || route.method === "DELETE" ? undefined : "{}",
        });
        assert.ok(
          response.status < 500,
          `${route.method} ${path.slice(0, 80)} → ${response.status} ${response.body}`,
        );
        assert.match(response.headers["content-type"] ?? "", /json/);
      }
    }
  });

  await t.step("made-up methods share one OTHER series in the metrics", async () => {
    for (let i = 0; i < 5; i++) {
      const response = await raw(`PROBE${"ABCDE"[i]}`, "/v1/exercises");
      assert.ok(response.status >= 400 && response.status < 500, String(response.status));
    }
    const text = await scrape(target);
    assert.doesNotMatch(text, /method="PROBE/);
    assert.match(text, /http_requests_total\{method="OTHER",route="[^"]+",status="4\d\d"/);
  });

  await t.step("/metrics needs the operator's bearer token", async () => {
    const none = await target.request("/metrics");
    assert.equal(none.status, 401);
    assert.equal(none.headers.get("content-type"), "application/problem+json");
    assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
    await none.body?.cancel();
    const wrong = await target.request("/metrics", { headers: bearer("nope".repeat(8)) });
    assert.equal(wrong.status, 401);
    await wrong.body?.cancel();
    assert.match(await scrape(target), /http_requests_total/);
  });

  await t.step("JSON nested 5,000 deep → 422, never a 500", async () => {
    const deep = `{"email":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    for (const path of ["/v1/auth/register", "/v1/auth/login", "/v1/sessions"]) {
      const response = await target.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(victim.accessToken) },
        body: deep,
      });
      assert.equal(response.status, 422, path);
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      const body = await response.json();
      assert.equal(body.code, "VALIDATION_FAILED");
      assert.match(body.errors[0].detail, /deeper than 64/);
    }
  });
}

function assertRefusedPath(response: { status: number; headers: Record<string, string> }) {
  assert.equal(response.status, 400);
  assert.equal(response.headers["content-type"], "application/problem+json");
}

async function available(target: SecurityTarget): Promise<number> {
  const response = await target.request(`/v1/inventory/items/${sku}`);
  assert.equal(response.status, 200);
  return (await response.json()).available;
}

export async function scrape(target: SecurityTarget): Promise<string> {
  const response = await target.request("/metrics", { headers: bearer(target.metricsToken) });
  assert.equal(response.status, 200);
  return await response.text();
}

type Routes = ReturnType<typeof routesOf>;
let cached: { internal: Routes; publicParams: Routes } | undefined;

/** The `/internal` routes of every worker (read off an in-process composition). */
async function internalRoutes(): Promise<Routes> {
  return (await allRoutes()).internal;
}

/** The public routes that take a path parameter. */
async function publicParamRoutes(): Promise<Routes> {
  return (await allRoutes()).publicParams;
}

async function allRoutes() {
  if (!cached) {
    const platform = await openEmbedded();
    try {
      const apps = Object.values(platform.workers).filter((worker) => "routes" in worker) as {
        routes: { method: string; path: string }[];
      }[];
      cached = {
        internal: routesOf(apps, "/internal/"),
        publicParams: routesOf(apps, "/v1/").filter((route) => route.path.includes("/:")),
      };
    } finally {
      await platform.close();
    }
  }
  return cached;
}
