import assert from "node:assert/strict";
import { needsService } from "../shared/testing/services.ts";
import { openEmbedded } from "./support/platform.ts";

const pushgatewayUrl = Deno.env.get("PUSHGATEWAY_URL");

Deno.test(
  { name: "[metrics] push to a recording Pushgateway", sanitizeResources: false },
  async (t) => {
    const received: { method: string; path: string; body: string }[] = [];
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen() {} },
      async (request) => {
        const path = new URL(request.url).pathname;
        if (path === "/-/healthy") return new Response("OK");
        received.push({ method: request.method, path, body: await request.text() });
        // The first push is taken, later ones refused.
        return new Response(null, { status: received.length === 1 ? 200 : 500 });
      },
    );
    const platform = await openEmbedded({ pushgatewayUrl: `http://127.0.0.1:${server.addr.port}` });
    try {
      await platform.request("/health");

      await t.step("PUTs the merged exposition of every worker to the fitconnect job", async () => {
        await platform.pushMetrics();
        assert.equal(received.length, 1);
        assert.equal(received[0].method, "PUT");
        assert.equal(received[0].path, "/metrics/job/fitconnect");
        assert.match(
          received[0].body,
          /http_requests_total\{method="GET",route="\/health",status="200",worker="gateway-rest"\} 1/,
        );
        assert.match(received[0].body, /worker="payments"/);
      });

      await t.step("a refused push rejects and is counted", async () => {
        await assert.rejects(() => platform.pushMetrics(), /Pushgateway answered 500/);
        const text = await platform.scrapeMetrics();
        assert.match(text, /fitconnect_metrics_pushes_total\{result="ok",worker="metrics"\} 1/);
        assert.match(text, /fitconnect_metrics_pushes_total\{result="error",worker="metrics"\} 1/);
      });
    } finally {
      await platform.close();
      await server.shutdown();
    }
  },
);

Deno.test(
  needsService(
    "[metrics] push to a real Prometheus Pushgateway",
    !!pushgatewayUrl,
    "PUSHGATEWAY_URL",
  ),
  async () => {
    const platform = await openEmbedded({ pushgatewayUrl });
    try {
      await platform.request("/health");
      await platform.pushMetrics();
      const text = await (await fetch(new URL("/metrics", pushgatewayUrl))).text();
      assert.match(
        text,
        /http_requests_total\{instance="",job="fitconnect",method="GET",route="\/health",status="200",worker="gateway-rest"\} \d+/,
      );
      assert.match(
        text,
        /fitconnect_worker_up\{instance="",job="fitconnect",target="auth",worker="metrics"\} 1/,
      );
    } finally {
      await platform.close();
    }
  },
);
