import assert from "node:assert/strict";
import { Hono } from "hono";
import { inProcessBinding, type ServiceBinding } from "../bindings/service_binding.ts";
import { Problem } from "../http/problem.ts";
import { createDenoKvQueue, type DenoKvQueue, type DenoKvQueueOptions } from "./deno_kv_queue.ts";
import { deliveryPath, type EventMessage } from "./port.ts";
import { createDeliveryVerifier, type DeliveryEnv, verifiedDeliveries } from "./signature.ts";

const signingKey = "local-queue-key-" + "k".repeat(24);
const internalSecret = "s".repeat(40);

let sequence = 0;
function event(type = "UserRegistered"): EventMessage {
  sequence += 1;
  return {
    id: `evt-${sequence}`,
    type,
    occurredAt: new Date().toISOString(),
    payload: { n: sequence },
  };
}

interface Received {
  message: EventMessage;
  messageId: string;
  retried: number;
  at: number;
}

/** A consumer worker: verifies deliveries and answers `status(attempt)` (200 by default). */
function consumer(status: (attempt: number) => number = () => 200) {
  const received: Received[] = [];
  const verifier = createDeliveryVerifier({
    currentSigningKey: signingKey,
    nextSigningKey: signingKey,
  });
  const app = new Hono<DeliveryEnv>()
    .onError((error, c) =>
      error instanceof Problem ? error.getResponse("test") : c.text(String(error), 500)
    )
    .post(deliveryPath, verifiedDeliveries(verifier), (c) => {
      const { message, messageId, retried } = c.get("delivery");
      received.push({ message, messageId, retried, at: Date.now() });
      const answer = status(received.length);
      return c.body(null, answer as 200);
    });
  return { binding: inProcessBinding(app, { internalSecret }), received };
}

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withQueue(
  consumers: Record<string, ServiceBinding>,
  run: (queue: DenoKvQueue) => Promise<void>,
  options: Partial<DenoKvQueueOptions> = {},
) {
  const kv = await Deno.openKv(":memory:");
  const queue = createDenoKvQueue({ kv, consumers, signingKey, backoffMs: [50, 50], ...options });
  try {
    await run(queue);
  } finally {
    await queue.close();
  }
}

Deno.test("[queue] Deno KV adapter", async (t) => {
  await t.step("delivers once, signed, to the named consumer", async () => {
    const notifications = consumer();
    const analytics = consumer();
    await withQueue(
      { notifications: notifications.binding, analytics: analytics.binding },
      async (queue) => {
        assert.equal(queue.kind, "deno-kv");
        const message = event();
        await queue.publish(message, { consumer: "notifications" });
        await waitFor("the delivery", () => notifications.received.length === 1);
        await pause(200);
        assert.equal(notifications.received.length, 1);
        assert.equal(analytics.received.length, 0);
        const [got] = notifications.received;
        assert.deepEqual(got.message, message);
        assert.equal(got.retried, 0);
        assert.match(got.messageId, /^[0-9a-f-]{36}$/);
      },
    );
  });

  await t.step("retries a failing consumer (Upstash-Retried 0, 1, 2)", async () => {
    const flaky = consumer((attempt) => attempt <= 2 ? 500 : 200);
    await withQueue({ notifications: flaky.binding }, async (queue) => {
      await queue.publish(event(), { consumer: "notifications", retries: 2 });
      await waitFor("three attempts", () => flaky.received.length === 3);
      await pause(200);
      assert.deepEqual(flaky.received.map((r) => r.retried), [0, 1, 2]);
      assert.equal(new Set(flaky.received.map((r) => r.messageId)).size, 1);
      assert.deepEqual(await queue.deadLetters.list(), []);
    });
  });

  await t.step("dead-letters after the last retry; replay delivers and clears it", async () => {
    let fixed = false;
    const broken = consumer(() => fixed ? 200 : 503);
    await withQueue({ notifications: broken.binding }, async (queue) => {
      const message = event();
      const before = Date.now();
      await queue.publish(message, { consumer: "notifications", retries: 2 });
      await waitFor("the dead letter", async () => (await queue.deadLetters.list()).length === 1);
      assert.deepEqual(broken.received.map((r) => r.retried), [0, 1, 2]);
      const [dead] = await queue.deadLetters.list();
      assert.equal(dead.consumer, "notifications");
      assert.deepEqual(dead.message, message);
      assert.equal(dead.reason, "HTTP 503");
      assert.ok(Date.parse(dead.failedAt) >= before - 1000);
      assert.equal(dead.id, broken.received[0].messageId);

      fixed = true;
      assert.equal(await queue.deadLetters.replay(dead.id), true);
      await waitFor("the replayed delivery", () => broken.received.length === 4);
      const replayed = broken.received[3];
      assert.deepEqual(replayed.message, message);
      assert.equal(replayed.retried, 0);
      assert.deepEqual(await queue.deadLetters.list(), []);
      assert.equal(await queue.deadLetters.replay(dead.id), false);
      assert.equal(await queue.deadLetters.replay("unknown"), false);
    });
  });

  await t.step("delivers the same deduplicationId once", async () => {
    const notifications = consumer();
    await withQueue({ notifications: notifications.binding }, async (queue) => {
      const message = event();
      await queue.publish(message, { consumer: "notifications", deduplicationId: "d-1" });
      await queue.publish(message, { consumer: "notifications", deduplicationId: "d-1" });
      await queue.publish(event(), { consumer: "notifications", deduplicationId: "d-2" });
      await waitFor("two deliveries", () => notifications.received.length === 2);
      await pause(300);
      assert.equal(notifications.received.length, 2);
      assert.deepEqual(
        notifications.received.map((r) => r.message.id).sort(),
        [
          message.id,
          `evt-${sequence}`,
        ].sort(),
      );
    });
  });

  await t.step("honours delayMs", async () => {
    const notifications = consumer();
    await withQueue({ notifications: notifications.binding }, async (queue) => {
      const start = Date.now();
      await queue.publish(event(), { consumer: "notifications", delayMs: 600 });
      await pause(300);
      assert.equal(notifications.received.length, 0);
      await waitFor("the delayed delivery", () => notifications.received.length === 1);
      assert.ok(notifications.received[0].at - start >= 600);
    });
  });

  await t.step("delivers later to a consumer that was down", async () => {
    const notifications = consumer();
    let up = false;
    const flaky: ServiceBinding = {
      fetch(request) {
        if (!up) return Promise.reject(new TypeError("connection refused"));
        return notifications.binding.fetch(request);
      },
    };
    await withQueue({ notifications: flaky }, async (queue) => {
      await queue.publish(event(), { consumer: "notifications" });
      await pause(150);
      assert.equal(notifications.received.length, 0);
      up = true;
      await waitFor("the delivery", () => notifications.received.length === 1);
      assert.ok(notifications.received[0].retried >= 1);
    }, { backoffMs: [100, 100, 100, 100, 100] });
  });

  await t.step("a consumer that hangs times out and is retried", async () => {
    const notifications = consumer();
    let calls = 0;
    const slow: ServiceBinding = {
      fetch(request) {
        calls += 1;
        if (calls === 1) return new Promise(() => {});
        return notifications.binding.fetch(request);
      },
    };
    await withQueue({ notifications: slow }, async (queue) => {
      await queue.publish(event(), { consumer: "notifications" });
      await waitFor("the retried delivery", () => notifications.received.length === 1);
      assert.equal(notifications.received[0].retried, 1);
    }, { deliveryTimeoutMs: 100 });
  });

  await t.step("refuses what it cannot honour", async () => {
    await withQueue({ notifications: consumer().binding }, async (queue) => {
      await assert.rejects(queue.publish(event(), { consumer: "nobody" }), /unknown consumer/);
      await assert.rejects(queue.publish(event(), { consumer: "toString" }), /unknown consumer/);
      await assert.rejects(
        queue.publish(event(), { consumer: "notifications", retries: 6 }),
        RangeError,
      );
      await assert.rejects(
        queue.publish(event(), { consumer: "notifications", delayMs: -1 }),
        RangeError,
      );
      await queue.close();
      await assert.rejects(queue.publish(event(), { consumer: "notifications" }), /closed/);
    });
  });
});
