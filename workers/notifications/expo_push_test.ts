/**
 * The Expo push adapter by contract: pointed at a local server that records
 * each request and answers as Expo's push API does. What goes over the
 * wire — method, path, headers, JSON body, batches — is what Expo
 * documents; what comes back is mapped to the port.
 */
import assert from "node:assert/strict";
import { createLogger } from "../../shared/logging/logger.ts";
import { createExpoPush } from "./expo_push.ts";
import { deviceNotRegisteredReceipt, startExpoRecorder } from "./expo_recorder.ts";
import type { PushMessage } from "./push.ts";

const log = createLogger({ level: "silent" });

const message = (n: number): PushMessage => ({
  to: `ExponentPushToken[device-${n}]`,
  title: "New personal record",
  body: `Barbell back squat: max weight ${100 + n} kg`,
  data: { url: `fitconnect://notifications/n-${n}`, notificationId: `n-${n}` },
  sound: "default",
});

async function withRecorder(
  run: (expo: ReturnType<typeof startExpoRecorder>) => Promise<void>,
): Promise<void> {
  const expo = startExpoRecorder();
  try {
    await run(expo);
  } finally {
    await expo.close();
  }
}

Deno.test("[notifications] the Expo push adapter speaks Expo's push API", async (t) => {
  await t.step(
    "send: POST /--/api/v2/push/send, JSON array body, Expo's headers, no authorization",
    () =>
      withRecorder(async (expo) => {
        const push = createExpoPush({ baseUrl: expo.baseUrl, log });
        const tickets = await push.send([message(1), message(2)]);
        assert.deepEqual(tickets, [{ status: "ok", id: "ticket-1" }, {
          status: "ok",
          id: "ticket-2",
        }]);
        assert.equal(expo.requests.length, 1);
        const [sent] = expo.requests;
        assert.equal(sent.method, "POST");
        assert.equal(sent.path, "/--/api/v2/push/send");
        assert.equal(sent.headers.get("content-type"), "application/json");
        assert.equal(sent.headers.get("accept"), "application/json");
        assert.equal(sent.headers.get("accept-encoding"), "gzip, deflate");
        assert.equal(sent.headers.get("authorization"), null);
        assert.deepEqual(sent.body, [message(1), message(2)]);
      }),
  );

  await t.step(
    "EXPO_ACCESS_TOKEN set: authorization Bearer on every request",
    () =>
      withRecorder(async (expo) => {
        const push = createExpoPush({
          baseUrl: `${expo.baseUrl}/`,
          accessToken: "expo-access-token-123",
          log,
        });
        await push.send([message(1)]);
        await push.receipts(["ticket-1"]);
        assert.deepEqual(
          expo.requests.map((r) => [r.path, r.headers.get("authorization")]),
          [
            ["/--/api/v2/push/send", "Bearer expo-access-token-123"],
            ["/--/api/v2/push/getReceipts", "Bearer expo-access-token-123"],
          ],
        );
      }),
  );

  await t.step(
    "batches of at most 100 messages, tickets in the messages' order",
    () =>
      withRecorder(async (expo) => {
        const push = createExpoPush({ baseUrl: expo.baseUrl, log });
        const messages = Array.from({ length: 250 }, (_, n) => message(n));
        const tickets = await push.send(messages);
        assert.deepEqual(
          expo.requests.map((r) => (r.body as unknown[]).length),
          [100, 100, 50],
        );
        assert.deepEqual(expo.requests.flatMap((r) => r.body as PushMessage[]), messages);
        assert.deepEqual(
          tickets.map((ticket) => ticket.status === "ok" && ticket.id),
          messages.map((_, n) => `ticket-${n + 1}`),
        );
      }),
  );

  await t.step(
    "a DeviceNotRegistered ticket comes back as that error",
    () =>
      withRecorder(async (expo) => {
        expo.gone.add(message(2).to);
        const push = createExpoPush({ baseUrl: expo.baseUrl, log });
        const [ok, gone] = await push.send([message(1), message(2)]);
        assert.deepEqual(ok, { status: "ok", id: "ticket-1" });
        assert.equal(gone.status, "error");
        assert.equal(gone.status === "error" && gone.details?.error, "DeviceNotRegistered");
      }),
  );

  await t.step(
    "receipts: POST /--/api/v2/push/getReceipts { ids }, answered by id",
    () =>
      withRecorder(async (expo) => {
        expo.receipts.set("ticket-1", { status: "ok" });
        expo.receipts.set("ticket-2", deviceNotRegisteredReceipt());
        const push = createExpoPush({ baseUrl: expo.baseUrl, log });
        const receipts = await push.receipts(["ticket-1", "ticket-2", "ticket-3"]);
        assert.deepEqual(receipts, {
          "ticket-1": { status: "ok" },
          "ticket-2": deviceNotRegisteredReceipt(),
        });
        const [asked] = expo.requests;
        assert.equal(asked.method, "POST");
        assert.equal(asked.path, "/--/api/v2/push/getReceipts");
        assert.equal(asked.headers.get("content-type"), "application/json");
        assert.equal(asked.headers.get("accept"), "application/json");
        assert.deepEqual(asked.body, { ids: ["ticket-1", "ticket-2", "ticket-3"] });
      }),
  );

  await t.step(
    "receipts for more than 1000 tickets: one request per 1000 ids",
    () =>
      withRecorder(async (expo) => {
        const push = createExpoPush({ baseUrl: expo.baseUrl, log });
        await push.receipts(Array.from({ length: 1500 }, (_, n) => `ticket-${n}`));
        assert.deepEqual(
          expo.requests.map((r) => (r.body as { ids: string[] }).ids.length),
          [1000, 500],
        );
      }),
  );

  await t.step(
    "an answer that is not 2xx rejects (the queue retries the delivery)",
    () =>
      withRecorder(async (expo) => {
        expo.failNext(1, 503);
        const push = createExpoPush({ baseUrl: expo.baseUrl, log });
        await assert.rejects(push.send([message(1)]), /answered 503/);
        expo.failNext(1, 429);
        await assert.rejects(push.receipts(["ticket-1"]), /answered 429/);
      }),
  );

  await t.step("an unreachable service rejects", async () => {
    const expo = startExpoRecorder();
    await expo.close();
    const push = createExpoPush({ baseUrl: expo.baseUrl, log, timeoutMs: 2000 });
    await assert.rejects(push.send([message(1)]));
  });
});
