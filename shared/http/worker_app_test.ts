import assert from "node:assert/strict";
import * as v from "valibot";
import { createLogger, memorySink } from "../logging/logger.ts";
import { createWorkerMetrics } from "../metrics/worker_metrics.ts";
import { createWorkerApp } from "./worker_app.ts";
import { jsonBody, queryParams } from "./validation.ts";
import { platformProblems, Problem } from "./problem.ts";

const secret = "s".repeat(40);

function makeApp(edge: { edge?: boolean; corsOrigins?: string[] } = { edge: true }) {
  const sink = memorySink();
  const metrics = createWorkerMetrics("demo");
  const app = createWorkerApp({
    worker: "demo",
    log: createLogger({ sink }),
    metrics,
    internalSecret: secret,
    health: { store: () => Promise.resolve() },
    ...edge,
  });
  const body = v.object({
    name: v.pipe(v.string(), v.minLength(1)),
    sets: v.array(v.object({ rpe: v.pipe(v.number(), v.minValue(1), v.maxValue(10)) })),
  });
  app.post("/things", jsonBody(body), (c) => c.json(c.req.valid("json"), 201));
  app.get("/things/:id", (c) => c.json({ id: c.req.param("id") }));
  app.get(
    "/search",
    queryParams(v.object({ limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/))) })),
    (c) => c.json(c.req.valid("query")),
  );
  app.get("/boom", () => {
    throw new Error("password=hunter2 in SELECT * FROM users");
  });
  app.get("/teapot", () => {
    throw new Problem(platformProblems.CONFLICT, "Already there.");
  });
  return { app, sink, metrics };
}

async function problemOf(response: Response) {
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  const body = await response.json();
  assert.equal(body.status, response.status);
  assert.equal(typeof body.requestId, "string");
  assert.equal(body.requestId, response.headers.get("x-request-id"));
  return body;
}

Deno.test("[shared] worker app", async (t) => {
  const { app, sink, metrics } = makeApp();

  await t.step("echoes a safe x-request-id and replaces an unsafe one", async () => {
    const echoed = await app.request("/things/1", { headers: { "x-request-id": "abc-123" } });
    assert.equal(echoed.headers.get("x-request-id"), "abc-123");
    const replaced = await app.request("/things/1", {
      headers: { "x-request-id": "bad id <script>" },
    });
    assert.match(replaced.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/);
  });

  await t.step("answers an unknown route with a 404 problem", async () => {
    const response = await app.request("/nope");
    assert.equal(response.status, 404);
    assert.equal((await problemOf(response)).code, "NOT_FOUND");
  });

  await t.step("answers a wrong method with 405 and Allow", async () => {
    const response = await app.request("/things/1", { method: "DELETE" });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "GET");
    assert.equal((await problemOf(response)).code, "METHOD_NOT_ALLOWED");
  });

  await t.step("rejects malformed JSON with 400 MALFORMED_JSON", async () => {
    const response = await app.request("/things", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    assert.equal(response.status, 400);
    assert.equal((await problemOf(response)).code, "MALFORMED_JSON");
  });

  await t.step("rejects another media type with 415", async () => {
    const response = await app.request("/things", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    assert.equal(response.status, 415);
    assert.equal((await problemOf(response)).code, "UNSUPPORTED_MEDIA_TYPE");
  });

  await t.step("rejects a body over 1 MiB with 413", async () => {
    const response = await app.request("/things", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(1024 * 1024 + 1), sets: [] }),
    });
    assert.equal(response.status, 413);
    assert.equal((await problemOf(response)).code, "PAYLOAD_TOO_LARGE");
  });

  await t.step("rejects an invalid body with 422 and JSON Pointers", async () => {
    const response = await app.request("/things", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: "", sets: [{ rpe: 5 }, { rpe: 11 }] }),
    });
    assert.equal(response.status, 422);
    const body = await problemOf(response);
    assert.equal(body.code, "VALIDATION_FAILED");
    assert.deepEqual(body.errors.map((e: { pointer: string }) => e.pointer), [
      "/name",
      "/sets/1/rpe",
    ]);
  });

  await t.step("rejects a body that is not a JSON object with 422", async () => {
    for (const body of ["[]", "null", "42", '"text"']) {
      const response = await app.request("/things", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      assert.equal(response.status, 422, body);
      assert.deepEqual((await problemOf(response)).errors, [
        { pointer: "", detail: "must be a JSON object" },
      ]);
    }
  });

  await t.step("refuses NUL characters in bodies and queries with 422", async () => {
    const body = await app.request("/things", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "a\u0000b", sets: [] }),
    });
    assert.equal(body.status, 422);
    assert.deepEqual((await problemOf(body)).errors, [
      { pointer: "/name", detail: "must not contain NUL characters" },
    ]);
    const query = await app.request("/search?limit=1%00");
    assert.equal(query.status, 422);
    assert.equal((await problemOf(query)).errors[0].pointer, "limit");
  });

  await t.step("names a bad query parameter by name", async () => {
    const response = await app.request("/search?limit=ten");
    assert.equal(response.status, 422);
    assert.deepEqual(
      (await problemOf(response)).errors.map((e: { pointer: string }) => e.pointer),
      [
        "limit",
      ],
    );
  });

  await t.step("accepts a valid body", async () => {
    const response = await app.request("/things", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "squat", sets: [{ rpe: 8 }] }),
    });
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { name: "squat", sets: [{ rpe: 8 }] });
  });

  await t.step("renders a thrown Problem with its status", async () => {
    const response = await app.request("/teapot");
    assert.equal(response.status, 409);
    assert.equal((await problemOf(response)).detail, "Already there.");
  });

  await t.step("hides an unexpected error behind a 500 with the request id", async () => {
    const response = await app.request("/boom", { headers: { "x-request-id": "req-500" } });
    assert.equal(response.status, 500);
    const text = await response.clone().text();
    assert.doesNotMatch(text, /hunter2|SELECT|at /);
    assert.equal((await problemOf(response)).requestId, "req-500");
    assert.ok(sink.lines.some((line) => line.includes("unhandled error")));
  });

  await t.step("at the edge: sets security headers and CORS", async () => {
    const response = await app.request("/things/1", { headers: { origin: "https://x.test" } });
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(
      response.headers.get("strict-transport-security"),
      "max-age=31536000; includeSubDomains",
    );
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.match(response.headers.get("access-control-expose-headers")!, /x-request-id/);
  });

  await t.step("at the edge: answers a CORS preflight with 204", async () => {
    const response = await app.request("/things", {
      method: "OPTIONS",
      headers: { origin: "https://x.test", "access-control-request-method": "POST" },
    });
    assert.equal(response.status, 204);
    assert.match(response.headers.get("access-control-allow-methods")!, /POST/);
    assert.match(response.headers.get("access-control-allow-headers")!, /authorization/);
  });

  await t.step("at the edge: an allow-list echoes only listed origins", async () => {
    const { app: listed } = makeApp({ edge: true, corsOrigins: ["https://app.test"] });
    const allowed = await listed.request("/things/1", { headers: { origin: "https://app.test" } });
    assert.equal(allowed.headers.get("access-control-allow-origin"), "https://app.test");
    assert.equal(allowed.headers.get("vary"), "origin");
    const refused = await listed.request("/things/1", { headers: { origin: "https://evil.test" } });
    assert.equal(refused.headers.get("access-control-allow-origin"), null);
  });

  await t.step("behind the gateway: a domain worker skips edge headers", async () => {
    const { app: domain } = makeApp({ edge: false });
    const response = await domain.request("/things/1", { headers: { origin: "https://x.test" } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    assert.equal(response.headers.get("x-content-type-options"), null);
  });

  await t.step("hides /internal routes from callers without the secret", async () => {
    assert.equal((await app.request("/internal/health")).status, 404);
    const wrong = await app.request("/internal/health", {
      headers: { "x-fitconnect-internal": "x".repeat(40) },
    });
    assert.equal(wrong.status, 404);
    const right = await app.request("/internal/health", {
      headers: { "x-fitconnect-internal": secret },
    });
    assert.equal(right.status, 200);
    assert.deepEqual(await right.json(), { status: "ok", worker: "demo", checks: { store: "ok" } });
  });

  await t.step("labels metrics by route pattern, never the raw path", async () => {
    await app.request("/things/42");
    const text = await metrics.registry.metrics();
    assert.match(
      text,
      /http_requests_total\{method="GET",route="\/things\/:id",status="200",worker="demo"\}/,
    );
    assert.doesNotMatch(text, /route="\/things\/42"/);
    assert.match(text, /route="unmatched",status="404"/);
  });

  await t.step("writes one JSON log line per request with id, worker and route", () => {
    const line = sink.lines.map((l) => JSON.parse(l)).find((l) => l.requestId === "abc-123");
    assert.equal(line.route, "/things/:id");
    assert.equal(line.status, 200);
  });
});
