/**
 * Push notifications end to end, through the real platform: a member
 * registers a device through the REST gateway, logs sessions, and the
 * personal record they set reaches a recording stand-in for Expo's push API
 * (workouts → SessionLogged → notifications → PushRequested → the queue →
 * notifications → Expo). Also: a member with push off gets no push.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createLogger } from "../shared/logging/logger.ts";
import { eventually, expectJson } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import type { Page } from "../shared/http/paging.ts";
import {
  createExpoPush,
  type ExpoRecorder,
  type NotificationBody,
  startExpoRecorder,
} from "../workers/notifications/testing.ts";
import { signUp, type TestUser } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

async function logSession(platform: TestPlatform, user: TestUser, weightKg: number) {
  const response = await platform.request(
    "/v1/sessions",
    postJson({
      clientId: crypto.randomUUID(),
      startedAt: new Date(Date.now() - 3_600_000).toISOString(),
      entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg }] }],
    }, bearer(user.accessToken)),
  );
  assert.equal(response.status, 201, await response.text());
}

async function registerDevice(platform: TestPlatform, user: TestUser, token: string) {
  const response = await platform.request(
    "/v1/me/devices",
    postJson({ expoPushToken: token, platform: "android" }, bearer(user.accessToken)),
  );
  await expectJson(response, 201);
}

async function inboxRecord(platform: TestPlatform, user: TestUser) {
  const { items } = await eventually(
    "the personal record in the inbox",
    async () =>
      await expectJson<Page<NotificationBody>>(
        await platform.request("/v1/notifications", { headers: bearer(user.accessToken) }),
        200,
      ),
    (page) => page.items.some((item) => item.type === "personal_record"),
  );
  return items.find((item) => item.type === "personal_record")!;
}

platformTest("[push] a personal record is pushed to the member's device", async (t, open) => {
  const expo: ExpoRecorder = startExpoRecorder();
  try {
    const platform = await open({
      push: createExpoPush({ baseUrl: expo.baseUrl, log: createLogger({ level: "silent" }) }),
    });

    await t.step("register a device, beat a best: Expo gets the push for that device", async () => {
      const ada = await signUp(platform);
      const token = "ExponentPushToken[ada-platform-phone]";
      await registerDevice(platform, ada, token);
      await logSession(platform, ada, 100);
      await logSession(platform, ada, 120);
      const record = await inboxRecord(platform, ada);
      const [message] = await eventually(
        "the push at Expo",
        () =>
          Promise.resolve(
            expo.messages().filter((m) =>
              m.to === token && (m.data as { type: string }).type === "personal_record"
            ),
          ),
        (messages) => messages.length > 0,
      );
      assert.deepEqual(message, {
        to: token,
        title: record.title,
        body: record.body,
        data: {
          sessionId: (record.data as { sessionId: string }).sessionId,
          type: "personal_record",
          notificationId: record.id,
          url: `fitconnect://notifications/${record.id}`,
        },
        sound: "default",
      });
      const sent = expo.requests.find((r) => r.path === "/--/api/v2/push/send")!;
      assert.equal(sent.method, "POST");
      assert.equal(sent.headers.get("content-type"), "application/json");
      assert.equal(sent.headers.get("authorization"), null);
    });

    await t.step("a member who turned push off gets the inbox entry, no push", async () => {
      const bo = await signUp(platform);
      const token = "ExponentPushToken[bo-platform-phone]";
      await registerDevice(platform, bo, token);
      const off = await platform.request("/v1/notifications/preferences", {
        method: "PUT",
        headers: bearer(bo.accessToken, { "content-type": "application/json" }),
        body: JSON.stringify({ inApp: true, email: true, push: false }),
      });
      await expectJson(off, 200);
      await logSession(platform, bo, 100);
      await logSession(platform, bo, 120);
      await inboxRecord(platform, bo);
      // The inbox entry and the push request share one transaction: none was recorded.
      const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(sql`
        select count(*)::int as n from notifications.outbox
        where type = 'PushRequested' and payload->>'userId' = ${bo.id}`);
      assert.equal(rows[0].n, 0);
      assert.deepEqual(expo.messages().filter((m) => m.to === token), []);
    });
  } finally {
    await expo.close();
  }
});
