import assert from "node:assert/strict";
import { Redis } from "@upstash/redis";
import { createUpstashStore } from "../shared/stores/kv/upstash.ts";
import { domainWorkerNames, workerNames } from "../shared/runtime/workers.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { platformTest } from "./support/platform.ts";

platformTest("[platform] health, metrics and routing through the REST gateway", async (t, open) => {
  const platform = await open();

  await t.step("GET /health reports all eight domain workers ok", async () => {
    const body = await expectJson<{ status: string; workers: Record<string, string> }>(
      await platform.request("/health"),
      200,
    );
    assert.equal(body.status, "ok");
    assert.deepEqual(Object.keys(body.workers).sort(), [...domainWorkerNames].sort());
    assert.ok(Object.values(body.workers).every((status) => status === "ok"));
  });

  await t.step("GET /health asks the workers once per window; ?fresh=1 asks again", async () => {
    const inventory = platform.workers.inventory;
    let probes = 0;
    platform.workers.inventory = {
      fetch(request) {
        if (new URL(request.url).pathname === "/internal/health") probes++;
        return inventory.fetch(request);
      },
    };
    try {
      // The first step's answer may still be in the window: start from a fresh probe.
      await expectJson(await platform.request("/health?fresh=1"), 200);
      assert.equal(probes, 1);
      const polled = await Promise.all(
        Array.from({ length: 20 }, () => platform.request("/health")),
      );
      for (const response of polled) await expectJson(response, 200);
      assert.equal(probes, 1, "a load balancer's polling within the window reaches no store");
      // The GraphQL gateway keeps its own window: one probe for two queries.
      for (let i = 0; i < 2; i++) {
        await expectJson(
          await platform.request("/graphql", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query: "{ health { status } }" }),
          }),
          200,
        );
      }
      assert.equal(probes, 2);
      await expectJson(await platform.request("/health?fresh=1"), 200);
      assert.equal(probes, 3);
    } finally {
      platform.workers.inventory = inventory;
    }
  });

  await t.step("GET /metrics shows every worker's metrics, labelled by route pattern", async () => {
    await platform.request("/v1/auth/does-not-exist");
    const response = await platform.request("/metrics", {
      headers: { authorization: `Bearer ${platform.metricsToken}` },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type")!, /^text\/plain/);
    const text = await response.text();
    for (const worker of workerNames.filter((name) => name !== "metrics")) {
      assert.match(
        text,
        new RegExp(`fitconnect_worker_up\\{target="${worker}",worker="metrics"\\} 1`),
      );
    }
    assert.match(
      text,
      /http_requests_total\{method="GET",route="\/v1\/auth\/\*",status="404",worker="gateway-rest"\}/,
    );
    assert.match(
      text,
      /http_requests_total\{method="GET",route="unmatched",status="404",worker="auth"\}/,
    );
    assert.match(
      text,
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health",worker="gateway-rest"\}/,
    );
    assert.doesNotMatch(text, /does-not-exist/);
    // One HELP line per metric name: the exposition is merged, not concatenated.
    assert.equal(text.match(/^# HELP http_requests_total /gm)?.length, 1);
  });

  await t.step("an unknown route is a 404 problem", async () => {
    await expectProblem(await platform.request("/v1/nothing-here"), 404, "NOT_FOUND");
    await expectProblem(await platform.request("/"), 404, "NOT_FOUND");
  });

  await t.step("a domain worker's unknown route is its own 404 problem", async () => {
    await expectProblem(
      await platform.request("/v1/auth/unknown", { method: "POST" }),
      404,
      "NOT_FOUND",
    );
  });

  await t.step("internal routes are not public", async () => {
    await expectProblem(await platform.request("/internal/health"), 404, "NOT_FOUND");
    await expectProblem(await platform.request("/internal/metrics"), 404, "NOT_FOUND");
    await expectProblem(
      await platform.request("/internal/health", { headers: { "x-fitconnect-internal": "guess" } }),
      404,
      "NOT_FOUND",
    );
  });

  await t.step("the request id crosses the service binding", async () => {
    await platform.request("/v1/auth/unknown", { headers: { "x-request-id": "trace-me-42" } });
    const lines = platform.logs.map((line) => JSON.parse(line)).filter((line) =>
      line.requestId === "trace-me-42" && line.message === "request"
    );
    assert.deepEqual(lines.map((line) => line.worker).sort(), ["auth", "gateway-rest"]);
  });

  await t.step("/health turns 503 and names the worker whose store is down", async () => {
    // A real client pointed at a port where nothing listens: the store is really down.
    const dead = createUpstashStore(
      new Redis({ url: "http://127.0.0.1:9", token: "x", retry: false }),
    );
    const broken = await open({
      kvFor: (worker, original) => worker === "inventory" ? dead : original(worker),
    });
    const response = await broken.request("/health");
    const body = await expectJson<{ status: string; workers: Record<string, string> }>(
      response,
      503,
    );
    assert.equal(body.status, "down");
    assert.equal(body.workers.inventory, "down");
    assert.equal(body.workers.auth, "ok");
  });
});

platformTest("[platform] hostile input never gets a 5xx", async (t, open) => {
  const platform = await open();

  await t.step("malformed JSON is 400 MALFORMED_JSON", async () => {
    await expectProblem(
      await platform.request("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"query": ',
      }),
      400,
      "MALFORMED_JSON",
    );
  });

  await t.step("a body over 1 MiB is 413, on the gateway and behind it", async () => {
    const huge = JSON.stringify({ query: "{ health { status } }", padding: "x".repeat(1_100_000) });
    for (const path of ["/graphql", "/v1/auth/register", "/v1/nothing"]) {
      await expectProblem(
        await platform.request(path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: huge,
        }),
        413,
        "PAYLOAD_TOO_LARGE",
      );
    }
  });

  await t.step("a streamed body over 1 MiB (no Content-Length) is 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 20) controller.close();
        else controller.enqueue(chunk);
      },
    });
    await expectProblem(
      await platform.request("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
  });

  await t.step("a wrong content type is 415", async () => {
    await expectProblem(
      await platform.request("/graphql", {
        method: "POST",
        headers: { "content-type": "text/xml" },
        body: "<query/>",
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  await t.step("odd headers are harmless", async () => {
    const long = await platform.request("/health", {
      headers: { "x-request-id": "a".repeat(500) },
    });
    assert.equal(long.status, 200);
    assert.notEqual(long.headers.get("x-request-id"), "a".repeat(500));
    await long.body?.cancel();
    for (
      const headers of [
        { authorization: "Bearer " + "x".repeat(8000) },
        { "content-type": "application/json; charset=bogus" },
        { accept: "*/*;q=garbage" },
        { "x-forwarded-for": "not-an-ip, ::::" },
        { "x-fitconnect-internal": "" },
      ] as Record<string, string>[]
    ) {
      const response = await platform.request("/v1/auth/x", {
        method: "POST",
        headers,
        body: "{}",
      });
      assert.ok(response.status < 500, `${JSON.stringify(headers)} gave ${response.status}`);
      await response.body?.cancel();
    }
  });

  await t.step("odd paths and methods are 400/404/405, never 5xx", async () => {
    for (
      const [method, path] of [
        ["GET", "/v1/%ff%fe"],
        ["GET", "/v1/../../etc/passwd"],
        ["DELETE", "/health"],
        ["PUT", "/graphql"],
        ["GET", "/v1/auth/" + "a/".repeat(500)],
      ]
    ) {
      const response = await platform.request(path, { method });
      // 400: a malformed percent-encoding is refused at the edge (shared/http/safe_path.ts).
      assert.ok(
        [400, 404, 405].includes(response.status),
        `${method} ${path} gave ${response.status}`,
      );
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      await response.body?.cancel();
    }
  });
});
