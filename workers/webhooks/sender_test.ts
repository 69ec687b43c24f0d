import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { newSigningSecret } from "./secrets.ts";
import { createWebhookSender, excerptBytes } from "./sender.ts";
import { createUrlGuard } from "./url_guard.ts";

Deno.test("[webhooks] sender", async (t) => {
  const seen: { host: string | null; path: string; headers: Headers; body: string }[] = [];
  let hang: Promise<void> | undefined;
  const release = Promise.withResolvers<void>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    seen.push({
      host: req.headers.get("host"),
      path,
      headers: req.headers,
      body: await req.text(),
    });
    if (path === "/redirect") return Response.redirect("http://127.0.0.1:1/elsewhere", 302);
    if (path === "/big") return new Response("x".repeat(10_000), { status: 500 });
    if (path === "/hang") {
      hang = release.promise;
      await hang;
    }
    return new Response("ok");
  });
  const port = server.addr.port;
  // receiver.test resolves to loopback: the delivery must reach it by address, named in Host.
  const guard = createUrlGuard({
    allowLoopback: true,
    resolve: (host) => Promise.resolve(host === "receiver.test" ? ["127.0.0.1"] : []),
  });
  const send = createWebhookSender({ guard, timeoutMs: 300 });
  const secret = newSigningSecret();
  const webhook = (path: string, host = "receiver.test") => ({
    url: `http://${host}:${port}${path}`,
    id: "msg_test",
    body: JSON.stringify({
      type: "session.logged",
      timestamp: "2026-01-01T00:00:00.000Z",
      data: {},
    }),
    secrets: [secret],
    timestamp: new Date(),
  });

  try {
    await t.step(
      "pins the checked address and names the host in Host; signs verifiably",
      async () => {
        const result = await send(webhook("/ok"));
        assert.equal(result.outcome, "succeeded");
        assert.equal(result.responseStatus, 200);
        assert.equal(result.responseExcerpt, "ok");
        const got = seen.at(-1)!;
        assert.equal(got.host, `receiver.test:${port}`);
        new Webhook(secret).verify(got.body, Object.fromEntries(got.headers));
      },
    );

    await t.step("does not follow redirects", async () => {
      const before = seen.length;
      const result = await send(webhook("/redirect"));
      assert.equal(result.outcome, "failed");
      assert.equal(result.responseStatus, 302);
      assert.equal(seen.length, before + 1);
    });

    await t.step("keeps only a short excerpt of the answer", async () => {
      const result = await send(webhook("/big"));
      assert.equal(result.outcome, "failed");
      assert.equal(result.responseStatus, 500);
      assert.ok(result.responseExcerpt!.length <= excerptBytes);
    });

    await t.step("gives up on a receiver that does not answer in time", async () => {
      const result = await send(webhook("/hang"));
      assert.equal(result.outcome, "failed");
      assert.equal(result.responseStatus, null);
      assert.match(result.responseExcerpt!, /No answer within 300 ms/);
    });

    await t.step("refuses, without connecting, a host that does not pass the guard", async () => {
      const before = seen.length;
      const result = await send(webhook("/ok", "unknown.test"));
      assert.equal(result.outcome, "refused");
      assert.match(result.responseExcerpt!, /does not resolve/);
      assert.equal(seen.length, before);
    });
  } finally {
    release.resolve();
    await server.shutdown();
  }
});
