import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { Hono } from "hono";

import { pgSchema } from "drizzle-orm/pg-core";
import { inProcessBinding } from "../bindings/service_binding.ts";
import { Problem } from "../http/problem.ts";
import { createLogger } from "../logging/logger.ts";
import { createDenoKvQueue } from "../queue/deno_kv_queue.ts";
import { deliveryPath, type EventMessage } from "../queue/port.ts";
import {
  createDeliveryVerifier,
  type DeliveryEnv,
  verifiedDeliveries,
} from "../queue/signature.ts";
import { openPostgres } from "../stores/postgres/mod.ts";
import { createOutboxRelay } from "./outbox_relay.ts";
import { outboxTable } from "./tables.ts";

/** A real outbox: the workouts worker's, as migrations create it. */
const outbox = outboxTable(pgSchema("workouts"));

const signingKey = "relay-test-signing-key";
const log = createLogger({ level: "silent" });

/** A consumer worker that records what it is delivered. */
function recordingConsumer() {
  const received: EventMessage[] = [];
  const verifier = createDeliveryVerifier({
    currentSigningKey: signingKey,
    nextSigningKey: signingKey,
  });
  const app = new Hono<DeliveryEnv>()
    .onError((error, c) => error instanceof Problem ? error.getResponse("test") : c.text("", 500))
    .post(deliveryPath, verifiedDeliveries(verifier), (c) => {
      received.push(c.get("delivery").message);
      return c.body(null, 204);
    });
  return { binding: inProcessBinding(app, { internalSecret: "x".repeat(32) }), received };
}

async function eventually(what: string, done: () => boolean) {
  const deadline = Date.now() + 5_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

Deno.test(
  { name: "[events] outbox relay", sanitizeResources: false, sanitizeOps: false },
  async (t) => {
    const postgres = await openPostgres({});
    const { db } = postgres;
    const consumer = recordingConsumer();
    const openQueue = async () =>
      createDenoKvQueue({
        kv: await Deno.openKv(":memory:"),
        consumers: { notifications: consumer.binding },
        signingKey,
        backoffMs: [50],
        log,
      });
    const subscriptions = { SessionLogged: ["notifications"] };
    const write = (id: string) =>
      db.insert(outbox).values({ id, type: "SessionLogged", payload: { sessionId: id } });
    const pending = async () =>
      (await db.execute<{ n: number }>(
        sql`select count(*)::int as n from workouts.outbox where published_at is null`,
      )).rows[0].n;

    try {
      await t.step("publishes committed events to their consumers and marks them", async () => {
        const queue = await openQueue();
        try {
          await write("e1");
          await write("e2");
          const relay = createOutboxRelay({ db, table: outbox, queue, subscriptions, log });
          assert.equal(await relay.runOnce(), 2);
          await eventually("two deliveries", () => consumer.received.length === 2);
          assert.deepEqual(consumer.received.map((message) => message.id).sort(), ["e1", "e2"]);
          assert.equal(consumer.received[0].type, "SessionLogged");
          assert.equal(await pending(), 0);
          assert.equal(await relay.runOnce(), 0, "nothing is published twice");
        } finally {
          await queue.close();
        }
      });

      await t.step(
        "a relay that dies between the commit and the publish loses nothing",
        async () => {
          // The change committed its event; the relay "crashed" before publishing:
          // its queue is gone, so the publish fails and the transaction rolls back.
          await write("e3");
          const dead = await openQueue();
          await dead.close();
          const crashed = createOutboxRelay({ db, table: outbox, queue: dead, subscriptions, log });
          await assert.rejects(() => crashed.runOnce());
          assert.equal(await pending(), 1, "the event is still pending after the crash");

          const queue = await openQueue();
          try {
            const restarted = createOutboxRelay({ db, table: outbox, queue, subscriptions, log });
            assert.equal(await restarted.runOnce(), 1);
            await eventually(
              "the event after restart",
              () => consumer.received.some((message) => message.id === "e3"),
            );
            assert.equal(await pending(), 0);
          } finally {
            await queue.close();
          }
        },
      );

      await t.step("concurrent runs of two relays publish each event once", async () => {
        const queue = await openQueue();
        try {
          for (let i = 0; i < 20; i++) await write(`c${i}`);
          const before = consumer.received.length;
          const [a, b] = [1, 2].map(() =>
            createOutboxRelay({ db, table: outbox, queue, subscriptions, log, batchSize: 5 })
          );
          const [fromA, fromB] = await Promise.all([a.runOnce(), b.runOnce()]);
          assert.equal(fromA + fromB, 20);
          await eventually("twenty deliveries", () => consumer.received.length === before + 20);
          await new Promise((resolve) => setTimeout(resolve, 200));
          assert.equal(consumer.received.length, before + 20);
        } finally {
          await queue.close();
        }
      });
    } finally {
      await postgres.close();
    }
  },
);
