import assert from "node:assert/strict";
import { Hono } from "hono";
import { httpBinding, inProcessBinding, internalSecretHeader } from "./service_binding.ts";

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

Deno.test("[bindings] service bindings", async (t) => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, echoApp().fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;

  try {
    for (
      const [kind, binding] of [
        ["in-process", inProcessBinding(echoApp(), { internalSecret: secret })],
        ["http", httpBinding(base, { internalSecret: secret })],
      ] as const
    ) {
      await t.step(`${kind}: keeps path, query, method and headers, adds the secret`, async () => {
        const response = await binding.fetch(
          new Request("http://public.example/v1/me?q=1", {
            method: "PATCH",
            headers: { "x-request-id": "r-1", [internalSecretHeader]: "forged" },
            body: "{}",
          }),
        );
        assert.deepEqual(await response.json(), {
          path: "/v1/me",
          query: "1",
          method: "PATCH",
          secret,
          requestId: "r-1",
        });
      });
    }

    await t.step(
      "http: an unreachable worker rejects (the gateway turns it into a 503)",
      async () => {
        const dead = httpBinding("http://127.0.0.1:9", { internalSecret: secret });
        await assert.rejects(() => dead.fetch(new Request("http://x/health")));
      },
    );

    await t.step("http: a hung worker times out", async () => {
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
        await assert.rejects(
          () => binding.fetch(new Request("http://x/slow")),
          /TimeoutError|timed out|signal/i,
        );
      } finally {
        await hung.shutdown();
      }
    });
  } finally {
    await server.shutdown();
  }
});
