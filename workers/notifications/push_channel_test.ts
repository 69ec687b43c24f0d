/**
 * The push channel on the worker alone, with pushes sent to a recording
 * stand-in for Expo: which notifications are pushed (preferences, quiet
 * hours, devices), what each push says and where tapping leads, retries
 * through the queue, tickets and receipts, and forgetting devices Expo says
 * are gone.
 */
import assert from "node:assert/strict";
import { and, eq, isNull, sql } from "drizzle-orm";
import { expectJson } from "../../shared/testing/assertions.ts";
import type { Page } from "../../shared/http/paging.ts";
import type { DeviceBody } from "./device_schema.ts";
import type { NotificationBody } from "./schema.ts";
import { outbox, pushTickets } from "./tables.ts";
import {
  bearer,
  deviceNotRegisteredReceipt,
  type PushFixture,
  pushTest,
  send,
  startedAt,
} from "./testing.ts";

const records = [{ exerciseId: "barbell-back-squat", kind: "max_weight", value: 120 }];

function sessionLogged(userId: string) {
  return {
    sessionId: `session-${crypto.randomUUID()}`,
    userId,
    clientId: `client-${crypto.randomUUID()}`,
    startedAt: startedAt.toISOString(),
    endedAt: null,
    volumeKg: 600,
    personalRecords: records,
    exerciseIds: ["barbell-back-squat"],
  };
}

async function registerDevice(fx: PushFixture, userId: string, name: string): Promise<DeviceBody> {
  const body = { expoPushToken: `ExponentPushToken[${name}]`, platform: "ios" };
  const response = await fx.request("/v1/me/devices", send("POST", await fx.token(userId), body));
  return await expectJson<DeviceBody>(response, 201);
}

async function devicesOf(fx: PushFixture, userId: string): Promise<DeviceBody[]> {
  const response = await fx.request("/v1/me/devices", bearer(await fx.token(userId)));
  return (await expectJson<Page<DeviceBody>>(response, 200)).items;
}

async function setPreferences(fx: PushFixture, userId: string, choice: Record<string, unknown>) {
  const response = await fx.request(
    "/v1/notifications/preferences",
    send("PUT", await fx.token(userId), { inApp: true, email: false, push: true, ...choice }),
  );
  await expectJson(response, 200);
}

/** The PushRequested events recorded and not yet relayed, taken (as a relay would). */
async function takePushes(fx: PushFixture) {
  const db = fx.stores.postgres.db;
  const rows = await db.select().from(outbox)
    .where(and(eq(outbox.type, "PushRequested"), isNull(outbox.publishedAt)));
  await db.update(outbox).set({ publishedAt: fx.now() }).where(isNull(outbox.publishedAt));
  return rows.map((row) => ({ id: row.id, type: "PushRequested", payload: row.payload }));
}

async function ticketCount(fx: PushFixture): Promise<number> {
  const [row] = await fx.stores.postgres.db.select({ n: sql<number>`count(*)::int` })
    .from(pushTickets);
  return row.n;
}

async function checkReceipts(fx: PushFixture) {
  const response = await fx.internal("/internal/notifications/push-receipts", { method: "POST" });
  return response;
}

pushTest("[notifications] push: a personal record reaches the member's devices", async (t, fx) => {
  const phone = await registerDevice(fx, "u-ada", "ada-phone");
  const tablet = await registerDevice(fx, "u-ada", "ada-tablet");

  let push: Awaited<ReturnType<typeof takePushes>>[number];
  let entry: NotificationBody;
  await t.step("SessionLogged records one PushRequested with the inbox entry", async () => {
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-ada") });
    const pushes = await takePushes(fx);
    assert.equal(pushes.length, 1);
    push = pushes[0];
    const inbox = await expectJson<Page<NotificationBody>>(
      await fx.request("/v1/notifications", bearer(await fx.token("u-ada"))),
      200,
    );
    entry = inbox.items[0];
    assert.deepEqual(push.payload, {
      userId: "u-ada",
      notificationId: entry.id,
      type: "personal_record",
      title: entry.title,
      body: entry.body,
      data: entry.data,
    });
    assert.equal(fx.expo.requests.length, 0, "nothing is sent before the queue delivers it");
  });

  await t.step("its delivery sends one push per device to Expo", async () => {
    await fx.delivered(push);
    assert.equal(fx.expo.requests.length, 1);
    const data = {
      ...entry.data as Record<string, unknown>,
      type: "personal_record",
      notificationId: entry.id,
      url: `fitconnect://notifications/${entry.id}`,
    };
    const pushed = (to: string) => ({
      to,
      title: entry.title,
      body: entry.body,
      data,
      sound: "default",
    });
    const sent = fx.expo.requests[0].body as { to: string }[];
    assert.deepEqual(sent.toSorted((a, b) => a.to.localeCompare(b.to)), [
      pushed(phone.expoPushToken),
      pushed(tablet.expoPushToken),
    ]);
    assert.equal(await ticketCount(fx), 2);
  });

  await t.step("the same delivery again sends nothing more", async () => {
    await fx.delivered(push);
    assert.equal(fx.expo.requests.length, 1);
  });
});

pushTest("[notifications] push follows the member's preferences", async (t, fx) => {
  await registerDevice(fx, "u-bo", "bo-phone");

  await t.step("push off: no push", async () => {
    await setPreferences(fx, "u-bo", { push: false });
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-bo") });
    assert.deepEqual(await takePushes(fx), []);
  });

  await t.step("within quiet hours (11:00–13:00 at 12:00 UTC): no push", async () => {
    await setPreferences(fx, "u-bo", { quietHours: { start: "11:00", end: "13:00" } });
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-bo") });
    assert.deepEqual(await takePushes(fx), []);
  });

  await t.step("outside quiet hours: pushed", async () => {
    await setPreferences(fx, "u-bo", { quietHours: { start: "22:00", end: "07:00" } });
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-bo") });
    assert.equal((await takePushes(fx)).length, 1);
  });

  await t.step("no inbox: pushed, and tapping opens the inbox", async () => {
    await setPreferences(fx, "u-bo", { inApp: false });
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-bo") });
    const [push] = await takePushes(fx);
    assert.equal((push.payload as { notificationId: unknown }).notificationId, null);
    await fx.delivered(push);
    const [message] = fx.expo.messages();
    assert.equal((message.data as { url: string }).url, "fitconnect://notifications");
  });

  await t.step("a member without devices: no push", async () => {
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-cy") });
    assert.deepEqual(await takePushes(fx), []);
  });
});

pushTest("[notifications] push: retries, bad tokens and receipts", async (t, fx) => {
  const kept = await registerDevice(fx, "u-dee", "dee-phone");
  const stale = await registerDevice(fx, "u-dee", "dee-old-phone");
  await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-dee") });
  const [push] = await takePushes(fx);

  await t.step("Expo down: the delivery answers 503 for a retry, nothing is lost", async () => {
    fx.expo.failNext(1, 503);
    const response = await fx.deliver(push);
    assert.equal(response.status, 503);
    await response.body?.cancel();
    assert.equal(await ticketCount(fx), 0);
    await fx.delivered(push);
    assert.equal(fx.expo.messages().length, 2);
    assert.equal(await ticketCount(fx), 2);
  });

  await t.step("a DeviceNotRegistered ticket forgets that device at once", async () => {
    fx.expo.gone.add(stale.expoPushToken);
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-dee") });
    const [again] = await takePushes(fx);
    await fx.delivered(again);
    assert.deepEqual((await devicesOf(fx, "u-dee")).map((d) => d.id), [kept.id]);
    fx.expo.gone.clear();
  });

  await t.step("receipts are not asked for before they are due", async () => {
    const before = fx.expo.requests.length;
    const response = await checkReceipts(fx);
    assert.deepEqual(await expectJson(response, 200), { checked: 0, forgotten: 0 });
    assert.equal(fx.expo.requests.length, before);
  });

  const stale2 = await registerDevice(fx, "u-dee", "dee-stale-tablet");
  await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-dee") });
  await fx.delivered((await takePushes(fx))[0]);

  await t.step(
    "receipts round trip: due tickets asked by id; DeviceNotRegistered forgets",
    async () => {
      const tickets = await fx.stores.postgres.db.select().from(pushTickets);
      assert.equal(tickets.length, 4);
      fx.advance(15 * 60);
      for (const ticket of tickets) {
        fx.expo.receipts.set(
          ticket.id,
          ticket.deviceId === stale2.id ? deviceNotRegisteredReceipt() : { status: "ok" },
        );
      }
      const response = await checkReceipts(fx);
      assert.deepEqual(await expectJson(response, 200), { checked: 4, forgotten: 1 });
      const [asked] = fx.expo.requests.slice(-1);
      assert.equal(asked.method, "POST");
      assert.equal(asked.path, "/--/api/v2/push/getReceipts");
      assert.deepEqual(
        [...(asked.body as { ids: string[] }).ids].sort(),
        tickets.map((ticket) => ticket.id).sort(),
      );
      assert.deepEqual((await devicesOf(fx, "u-dee")).map((d) => d.id), [kept.id]);
      assert.equal(await ticketCount(fx), 0);
    },
  );

  await t.step(
    "Expo down while reading receipts: 503, tickets kept for the next check",
    async () => {
      await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-dee") });
      await fx.delivered((await takePushes(fx))[0]);
      fx.advance(15 * 60);
      fx.expo.failNext(1, 502);
      const response = await checkReceipts(fx);
      assert.equal(response.status, 503);
      await response.body?.cancel();
      assert.equal(await ticketCount(fx), 1);
    },
  );

  await t.step("a ticket Expo never answers is dropped after a day", async () => {
    fx.advance(24 * 60 * 60);
    const response = await checkReceipts(fx);
    assert.deepEqual(await expectJson(response, 200), { checked: 1, forgotten: 0 });
    assert.equal(await ticketCount(fx), 0);
  });

  await t.step(
    "the account closed: devices and tickets erased, a late push sends nothing",
    async () => {
      await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-dee") });
      const [late] = await takePushes(fx);
      await fx.delivered({
        type: "UserDeleted",
        payload: { userId: "u-dee", deletedAt: fx.now().toISOString() },
      });
      const before = fx.expo.requests.length;
      await fx.delivered(late);
      assert.equal(fx.expo.requests.length, before);
      assert.deepEqual(await devicesOf(fx, "u-dee"), []);
      assert.equal(await ticketCount(fx), 0);
    },
  );
});
