import assert from "node:assert/strict";
import { createQStashQueue } from "./qstash_queue.ts";
import type { EventMessage } from "./port.ts";

interface Recorded {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: string;
}

const token = "qstash-token-" + "t".repeat(20);
const consumerUrls = {
  notifications: "https://notifications.fitconnect.example",
  analytics: "https://analytics.fitconnect.example/",
};
const message: EventMessage = {
  id: "evt-1",
  type: "UserRegistered",
  occurredAt: "2025-01-01T00:00:00.000Z",
  payload: { userId: "u-1" },
};

/** A stand-in for QStash's API that records each request and answers as QStash does. */
function recorder() {
  const requests: Recorded[] = [];
  let dlq: Record<string, unknown>[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const path = url.pathname;
    requests.push({
      method: req.method,
      path,
      search: url.searchParams,
      headers: req.headers,
      body: await req.text(),
    });
    if (req.method === "POST" && path.startsWith("/v2/publish/")) {
      return Response.json({ messageId: `msg_${requests.length}` });
    }
    if (req.method === "GET" && path === "/v2/dlq") {
      const ids = url.searchParams.getAll("dlqIds");
      const messages = ids.length ? dlq.filter((m) => ids.includes(m.dlqId as string)) : dlq;
      return Response.json({ messages, cursor: "" });
    }
    if (req.method === "DELETE" && path.startsWith("/v2/dlq/")) {
      dlq = dlq.filter((m) => m.dlqId !== path.slice("/v2/dlq/".length));
      return new Response(null, { status: 200 });
    }
    return Response.json({ error: "not found" }, { status: 404 });
  });
  return {
    requests,
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    setDlq(messages: Record<string, unknown>[]) {
      dlq = messages;
    },
    close: () => server.shutdown(),
  };
}

Deno.test("[queue] QStash adapter (by contract)", async (t) => {
  const qstash = recorder();
  const queue = createQStashQueue({ token, baseUrl: qstash.baseUrl, consumerUrls });
  try {
    await t.step("publishes to the consumer's delivery URL with QStash's headers", async () => {
      assert.equal(queue.kind, "qstash");
      await queue.publish(message, {
        consumer: "notifications",
        deduplicationId: "evt-1:notifications",
        delayMs: 1500,
        retries: 3,
      });
      const request = qstash.requests.at(-1)!;
      assert.equal(request.method, "POST");
      assert.equal(
        request.path,
        "/v2/publish/https://notifications.fitconnect.example/queue/deliveries",
      );
      assert.equal(request.headers.get("authorization"), `Bearer ${token}`);
      assert.equal(request.headers.get("content-type"), "application/json");
      assert.equal(request.headers.get("upstash-method"), "POST");
      assert.equal(request.headers.get("upstash-retries"), "3");
      assert.equal(request.headers.get("upstash-deduplication-id"), "evt-1:notifications");
      assert.equal(request.headers.get("upstash-delay"), "2s");
      assert.deepEqual(JSON.parse(request.body), message);
    });

    await t.step(
      "defaults: 5 retries, no dedup id, no delay; trailing slash tolerated",
      async () => {
        await queue.publish(message, { consumer: "analytics" });
        const request = qstash.requests.at(-1)!;
        assert.equal(
          request.path,
          "/v2/publish/https://analytics.fitconnect.example/queue/deliveries",
        );
        assert.equal(request.headers.get("upstash-retries"), "5");
        assert.equal(request.headers.get("upstash-deduplication-id"), null);
        assert.equal(request.headers.get("upstash-delay"), null);
      },
    );

    await t.step("refuses an unknown consumer without calling QStash", async () => {
      const before = qstash.requests.length;
      await assert.rejects(queue.publish(message, { consumer: "nobody" }), /unknown consumer/);
      assert.equal(qstash.requests.length, before);
    });

    await t.step("lists the DLQ as dead letters", async () => {
      qstash.setDlq([
        {
          dlqId: "dlq-1",
          messageId: "msg_9",
          url: "https://notifications.fitconnect.example/queue/deliveries",
          method: "POST",
          body: JSON.stringify(message),
          maxRetries: 3,
          createdAt: Date.parse("2025-01-02T03:04:05.000Z"),
          responseStatus: 500,
        },
      ]);
      const letters = await queue.deadLetters.list({ limit: 10 });
      const request = qstash.requests.at(-1)!;
      assert.equal(request.method, "GET");
      assert.equal(request.path, "/v2/dlq");
      assert.equal(request.search.get("count"), "10");
      assert.equal(request.headers.get("authorization"), `Bearer ${token}`);
      assert.deepEqual(letters, [{
        id: "dlq-1",
        consumer: "notifications",
        message,
        failedAt: "2025-01-02T03:04:05.000Z",
        reason: "HTTP 500",
      }]);
    });

    await t.step("replay republishes the body to its URL and deletes it from the DLQ", async () => {
      const before = qstash.requests.length;
      assert.equal(await queue.deadLetters.replay("dlq-1"), true);
      const [lookup, publish, remove] = qstash.requests.slice(before);
      assert.equal(lookup.method, "GET");
      assert.equal(lookup.path, "/v2/dlq");
      assert.deepEqual(lookup.search.getAll("dlqIds"), ["dlq-1"]);
      assert.equal(publish.method, "POST");
      assert.equal(
        publish.path,
        "/v2/publish/https://notifications.fitconnect.example/queue/deliveries",
      );
      assert.equal(publish.headers.get("content-type"), "application/json");
      assert.equal(publish.headers.get("upstash-retries"), "3");
      assert.deepEqual(JSON.parse(publish.body), message);
      assert.equal(remove.method, "DELETE");
      assert.equal(remove.path, "/v2/dlq/dlq-1");
      assert.deepEqual(await queue.deadLetters.list(), []);
    });

    await t.step("replay of an unknown id is false and publishes nothing", async () => {
      const before = qstash.requests.length;
      assert.equal(await queue.deadLetters.replay("dlq-unknown"), false);
      assert.deepEqual(qstash.requests.slice(before).map((r) => r.method), ["GET"]);
    });
  } finally {
    await queue.close();
    await qstash.close();
  }
});
