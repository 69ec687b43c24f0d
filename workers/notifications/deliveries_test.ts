import assert from "node:assert/strict";
import { signDelivery } from "../../shared/queue/signature.ts";
import { expectJson, expectProblem } from "../../shared/testing/assertions.ts";
import type { Page } from "../../shared/http/paging.ts";
import type { NotificationBody } from "./schema.ts";
import { bearer, type Fixture, notificationsTest, registered, send, startedAt } from "./testing.ts";

async function inboxOf(fx: Fixture, userId: string): Promise<NotificationBody[]> {
  const response = await fx.request("/v1/notifications?limit=100", bearer(await fx.token(userId)));
  return (await expectJson<Page<NotificationBody>>(response, 200)).items;
}

const records = [
  { exerciseId: "barbell-back-squat", kind: "max_weight", value: 120 },
  { exerciseId: "barbell-back-squat", kind: "estimated_1rm", value: 135.333 },
] as const;

function sessionLogged(userId: string, personalRecords: readonly unknown[] = records) {
  return {
    sessionId: `session-${userId}`,
    userId,
    clientId: `client-${userId}`,
    startedAt: startedAt.toISOString(),
    endedAt: null,
    volumeKg: 600,
    personalRecords,
    exerciseIds: ["barbell-back-squat"],
  };
}

notificationsTest("[notifications] UserRegistered", async (t, fx) => {
  await t.step("stores a welcome notification and emails it", async () => {
    await fx.delivered({ type: "UserRegistered", payload: registered("u-ada", "Ada") });
    const items = await inboxOf(fx, "u-ada");
    assert.deepEqual(items.map(({ id: _, ...item }) => item), [{
      type: "welcome",
      title: "Welcome to FitConnect, Ada!",
      body: items[0].body,
      data: {},
      createdAt: startedAt.toISOString(),
      readAt: null,
    }]);
    assert.match(items[0].body, /first session/);
    assert.deepEqual(fx.emails, [{
      to: "u-ada@example.com",
      subject: "Welcome to FitConnect, Ada!",
      text: items[0].body,
    }]);
    assert.deepEqual(await fx.rowCounts("u-ada"), { inbox: 1, preferences: 1 });
  });

  await t.step("has no second effect when the same event is delivered again", async () => {
    const id = await fx.delivered({ type: "UserRegistered", payload: registered("u-bob", "Bob") });
    const processed = await fx.processedCount();
    await fx.delivered({ id, type: "UserRegistered", payload: registered("u-bob", "Bob") });
    await fx.delivered({ id, type: "UserRegistered", payload: registered("u-bob", "Bob") });
    assert.equal((await inboxOf(fx, "u-bob")).length, 1);
    assert.equal(fx.emails.filter((email) => email.to === "u-bob@example.com").length, 1);
    assert.equal(await fx.processedCount(), processed);
  });

  await t.step("keeps a newer display name from a ProfileUpdated processed first", async () => {
    await fx.delivered({
      type: "ProfileUpdated",
      payload: {
        userId: "u-cy",
        displayName: "Cyrus",
        timezone: "Europe/Berlin",
        updatedAt: startedAt.toISOString(),
        version: 2,
      },
    });
    await fx.delivered({ type: "UserRegistered", payload: registered("u-cy", "Cy") });
    assert.equal((await inboxOf(fx, "u-cy"))[0].title, "Welcome to FitConnect, Cyrus!");
  });
});

notificationsTest("[notifications] POST /queue/deliveries signatures", async (t, fx) => {
  const cases: [string, Parameters<Fixture["deliver"]>[1]][] = [
    ["signed with another key", { signingKey: "an-entirely-different-signing-key" }],
    ["signed for another URL", { signedUrl: "http://analytics.internal/queue/deliveries" }],
    ["with a signature that is not a JWT", { signature: "not-a-signature" }],
  ];
  for (const [name, options] of cases) {
    await t.step(`is 401 INVALID_SIGNATURE and stores nothing ${name}`, async () => {
      const response = await fx.deliver(
        { type: "UserRegistered", payload: registered("u-eve") },
        options,
      );
      await expectProblem(response, 401, "INVALID_SIGNATURE");
      assert.deepEqual(await fx.rowCounts("u-eve"), { inbox: 0, preferences: 0 });
      assert.equal(await fx.processedCount(), 0);
    });
  }

  await t.step("is 401 for a body other than the one signed", async () => {
    const body = JSON.stringify({
      id: "evt-1",
      type: "UserRegistered",
      occurredAt: startedAt.toISOString(),
      payload: registered("u-eve"),
    });
    const signature = await signDelivery({
      signingKey: fx.signingKey,
      url: fx.deliveryUrl,
      body,
    });
    const response = await fx.request(fx.deliveryUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "upstash-signature": signature },
      body: body.replace("u-eve", "u-mallory"),
    });
    await expectProblem(response, 401, "INVALID_SIGNATURE");
    assert.deepEqual(await fx.rowCounts("u-mallory"), { inbox: 0, preferences: 0 });
  });

  await t.step("is 401 without a signature", async () => {
    const response = await fx.request(fx.deliveryUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: "e", type: "UserRegistered", occurredAt: "", payload: {} }),
    });
    await expectProblem(response, 401, "INVALID_SIGNATURE");
    assert.equal(await fx.processedCount(), 0);
  });

  await t.step("accepts and ignores an event type it does not handle", async () => {
    // ReportRequested is analytics' own: no handler here.
    await fx.delivered({ type: "ReportRequested", payload: { userId: "u-eve" } });
    assert.deepEqual(await fx.rowCounts("u-eve"), { inbox: 0, preferences: 0 });
  });

  await t.step(
    "dead-letters a payload that breaks its contract (489, with the reason), storing nothing",
    async () => {
      const response = await fx.deliver({ type: "UserRegistered", payload: { userId: "u-eve" } });
      assert.equal(response.status, 489);
      assert.equal(response.headers.get("upstash-nonretryable-error"), "true");
      assert.match((await response.json()).reason, /UserRegistered payload does not satisfy/);
      assert.deepEqual(await fx.rowCounts("u-eve"), { inbox: 0, preferences: 0 });
    },
  );
});

notificationsTest("[notifications] SessionLogged", async (t, fx) => {
  await fx.delivered({ type: "UserRegistered", payload: registered("u-ada", "Ada") });
  fx.emails.length = 0;

  await t.step("summarises the session's personal records in one notification", async () => {
    fx.advance(60);
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-ada") });
    const [record] = await inboxOf(fx, "u-ada");
    assert.equal(record.type, "personal_record");
    assert.equal(record.title, "2 new personal records!");
    assert.equal(
      record.body,
      "Barbell back squat: max weight 120 kg; Barbell back squat: estimated 1RM 135.33 kg.",
    );
    assert.deepEqual(record.data, { sessionId: "session-u-ada", records });
    assert.equal(record.createdAt, fx.now().toISOString());
    assert.deepEqual(fx.emails.map((email) => email.subject), ["2 new personal records!"]);
  });

  await t.step("creates nothing for a session without records", async () => {
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-bob", []) });
    assert.deepEqual(await fx.rowCounts("u-bob"), { inbox: 0, preferences: 0 });
    assert.equal(fx.emails.length, 1);
  });

  await t.step("stores it for a member it never heard of, without email", async () => {
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-new", [records[0]]) });
    assert.equal((await inboxOf(fx, "u-new"))[0].title, "New personal record!");
    assert.equal(fx.emails.length, 1);
  });
});

notificationsTest("[notifications] channels", async (t, fx) => {
  await fx.delivered({ type: "UserRegistered", payload: registered("u-ada", "Ada") });
  const token = await fx.token("u-ada");
  fx.emails.length = 0;

  await t.step("emails outside quiet hours on the member's clock", async () => {
    // 20:00–23:00; it is 12:00 in UTC, the member's zone until a ProfileUpdated says otherwise.
    const body = {
      inApp: true,
      email: true,
      push: false,
      quietHours: { start: "20:00", end: "23:00" },
    };
    await expectJson(
      await fx.request("/v1/notifications/preferences", send("PUT", token, body)),
      200,
    );
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-ada") });
    assert.equal(fx.emails.length, 1);
  });

  await t.step("does not email within quiet hours once the member lives in Tokyo", async () => {
    await fx.delivered({
      type: "ProfileUpdated",
      payload: {
        userId: "u-ada",
        displayName: "Ada",
        timezone: "Asia/Tokyo",
        updatedAt: fx.now().toISOString(),
        version: 2,
      },
    });
    // 12:00Z is 21:00 in Tokyo.
    await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-ada") });
    assert.equal(fx.emails.length, 1);
    assert.equal((await inboxOf(fx, "u-ada")).length, 3);
  });

  await t.step("emails and stores nothing in-app when in-app is off", async () => {
    const body = { inApp: false, email: true, push: false };
    await expectJson(
      await fx.request("/v1/notifications/preferences", send("PUT", token, body)),
      200,
    );
    await fx.delivered({
      type: "ReportReady",
      payload: { userId: "u-ada", reportId: "r-1", kind: "progress" },
    });
    assert.equal((await inboxOf(fx, "u-ada")).length, 3);
    assert.deepEqual(fx.emails.at(-1), {
      to: "u-ada@example.com",
      subject: "Your report is ready",
      text: "Your progress report is ready to view.",
    });
  });

  await t.step(
    "stores nothing and answers 503 when the mailer fails, then succeeds on retry",
    async () => {
      const body = { inApp: true, email: true, push: false };
      await expectJson(
        await fx.request("/v1/notifications/preferences", send("PUT", token, body)),
        200,
      );
      fx.failMail(true);
      const id = crypto.randomUUID();
      const failed = await fx.deliver({
        id,
        type: "ReportReady",
        payload: {
          userId: "u-ada",
          reportId: "r-2",
          kind: "volume",
        },
      });
      assert.equal(failed.status, 503);
      await failed.body?.cancel();
      assert.equal((await inboxOf(fx, "u-ada")).length, 3);

      fx.failMail(false);
      fx.advance(60);
      await fx.delivered({
        id,
        type: "ReportReady",
        payload: { userId: "u-ada", reportId: "r-2", kind: "volume" },
      });
      const [latest] = await inboxOf(fx, "u-ada");
      assert.equal(latest.type, "report_ready");
      assert.deepEqual(latest.data, { reportId: "r-2", kind: "volume" });
      assert.equal((await inboxOf(fx, "u-ada")).length, 4);
    },
  );
});

notificationsTest("[notifications] UserDeleted", async (t, fx) => {
  await fx.delivered({ type: "UserRegistered", payload: registered("u-ada", "Ada") });
  await fx.delivered({ type: "SessionLogged", payload: sessionLogged("u-ada") });
  await fx.delivered({ type: "UserRegistered", payload: registered("u-bob", "Bob") });
  const token = await fx.token("u-ada");
  await fx.request(
    "/v1/notifications/preferences",
    send("PUT", token, {
      inApp: true,
      email: false,
      push: true,
      quietHours: { start: "22:00", end: "06:00" },
    }),
  );

  await t.step("erases the member's inbox and preferences", async () => {
    assert.deepEqual(await fx.rowCounts("u-ada"), { inbox: 2, preferences: 1 });
    await fx.delivered({
      type: "UserDeleted",
      payload: { userId: "u-ada", deletedAt: fx.now().toISOString() },
    });
    assert.deepEqual(await fx.rowCounts("u-ada"), { inbox: 0, preferences: 0 });
    assert.deepEqual(await inboxOf(fx, "u-ada"), []);
    const response = await fx.request("/v1/notifications/preferences", bearer(token));
    assert.deepEqual(await expectJson(response, 200), {
      inApp: true,
      email: true,
      push: true,
      quietHours: null,
    });
  });

  await t.step("leaves other members alone", async () => {
    assert.deepEqual(await fx.rowCounts("u-bob"), { inbox: 1, preferences: 1 });
  });

  await t.step("is harmless for a member it never heard of", async () => {
    await fx.delivered({
      type: "UserDeleted",
      payload: { userId: "u-ghost", deletedAt: fx.now().toISOString() },
    });
  });
});
