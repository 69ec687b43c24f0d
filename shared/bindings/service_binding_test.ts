import assert from "node:assert/strict";
import { Hono } from "hono";
import { platformProblems, Problem } from "../http/problem.ts";
import {
  httpBinding,
  inProcessBinding,
  internalSecretHeader,
  roundRobinBinding,
} from "./service_binding.ts";

const secret = "s".repeat(40);

function echoApp() {
  return new Hono().all("*", (c) =>
    c.json({
      path: c.req.path,
      query: c.req.query("q") ?? null,
      method: c.req.method,
      secret: c.req.header(internalSecretHeader) ?? null,
      requestId: c.req.header("x-request-id") ?? null,
    }));
}

function forgedRequest() {
  return new Request("http://public.example/v1/me?q=1", {
    method: "PATCH",
    headers: { "x-request-id": "r-1", [internalSecretHeader]: "forged" },
    body: "{}",
  });
}

/** Rejects with a 503 problem that says when to come back. */
async function assertUnavailable(call: () => Promise<unknown>, retryAfter?: string) {
  await assert.rejects(call, (error) => {
    assert.ok(error instanceof Problem, String(error));
    assert.equal(error.status, 503);
    if (retryAfter) assert.equal(error.headers["retry-after"], retryAfter);
    else assert.match(error.headers["retry-after"], /^\d+$/);
    return true;
  });
}

Deno.test("[bindings] service bindings", async (t) => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, echoApp().fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;

  try {
    for (
      const [kind, signed, forwarding] of [
        [
          "in-process",
          inProcessBinding(echoApp(), { internalSecret: secret }),
          inProcessBinding(echoApp(), { forwardsClients: true }),
        ],
        [
          "http",
          httpBinding(base, { internalSecret: secret }),
          httpBinding(base, { forwardsClients: true }),
        ],
      ] as const
    ) {
      await t.step(`${kind}: keeps path, query, method and headers, adds the secret`, async () => {
        const response = await signed.fetch(forgedRequest());
        assert.deepEqual(await response.json(), {
          path: "/v1/me",
          query: "1",
          method: "PATCH",
          secret,
          requestId: "r-1",
        });
      });

      await t.step(`${kind}: a client's request forwarded carries no secret at all`, async () => {
        const response = await forwarding.fetch(forgedRequest());
        const body = await response.json();
        assert.equal(body.secret, null);
        assert.equal(body.path, "/v1/me");
      });
    }

    await t.step("http: an unreachable worker is a 503 problem", async () => {
      const dead = httpBinding("http://127.0.0.1:9", { internalSecret: secret });
      await assertUnavailable(() => dead.fetch(new Request("http://x/health")));
    });

    await t.step("http: a hung worker times out as a 503", async () => {
      const hung = Deno.serve(
        { port: 0, hostname: "127.0.0.1", onListen() {} },
        () =>
          new Promise<Response>((resolve) =>
            setTimeout(() => resolve(new Response("late")), 2_000)
          ),
      );
      try {
        const binding = httpBinding(`http://127.0.0.1:${hung.addr.port}`, {
          internalSecret: secret,
          timeoutMs: 100,
        });
        const started = performance.now();
        await assertUnavailable(() => binding.fetch(new Request("http://x/slow")));
        assert.ok(performance.now() - started < 1_000);
      } finally {
        await hung.shutdown();
      }
    });
  } finally {
    await server.shutdown();
  }
});

Deno.test("[bindings] deadline and circuit breaker", async (t) => {
  let now = 0;
  let calls = 0;
  let hang = true;
  const slow = {
    fetch() {
      calls++;
      return hang
        ? new Promise<Response>(() => {}) // never answers
        : Promise.resolve(new Response("ok"));
    },
  };
  const binding = inProcessBinding(slow, {
    internalSecret: secret,
    timeoutMs: 20,
    breaker: { failures: 3, openMs: 5_000, now: () => now },
  });
  const call = () => binding.fetch(new Request("http://x/v1/thing"));

  await t.step("an in-process call past its deadline is a 503", async () => {
    await assertUnavailable(call, "1");
  });

  await t.step("after 3 failures in a row the peer is not called at all", async () => {
    await assertUnavailable(call);
    await assertUnavailable(call);
    const before = calls;
    const started = performance.now();
    await assertUnavailable(call, "5");
    assert.equal(calls, before);
    assert.ok(performance.now() - started < 15, "an open breaker answers at once");
  });

  await t.step("once open time has passed, one probe goes through and closes it", async () => {
    now += 5_001;
    hang = false;
    const response = await call();
    assert.equal(await response.text(), "ok");
    assert.equal((await call()).status, 200);
  });

  await t.step("a problem raised by the peer's own code is an answer, not an outage", async () => {
    const refusing = inProcessBinding({
      fetch() {
        throw new Problem(platformProblems.NOT_FOUND, "no");
      },
    }, { internalSecret: secret, breaker: { failures: 1 } });
    for (let i = 0; i < 3; i++) {
      await assert.rejects(() => refusing.fetch(new Request("http://x/")), /no/);
    }
  });
});

// tests/metrics_replicas_test.ts spreads its N requests over two processes through this binding.
Deno.test("[bindings] replicas are called in turn", async () => {
  const calls: string[] = [];
  const replica = (name: string) => ({
    fetch() {
      calls.push(name);
      return Promise.resolve(new Response(name));
    },
  });
  const binding = roundRobinBinding(["a", "b", "c"].map(replica));
  const answers = [];
  for (let i = 0; i < 7; i++) {
    answers.push(await (await binding.fetch(new Request("http://peer.internal/"))).text());
  }
  assert.deepEqual(answers, ["a", "b", "c", "a", "b", "c", "a"]);
  assert.deepEqual(calls, answers);
  const only = replica("only");
  assert.equal(roundRobinBinding([only]), only, "one process: its binding, unwrapped");
});
