import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import {
  accepted,
  analyticsTest,
  sessionLogged,
  type SummaryBody,
  userRegistered,
} from "../workers/analytics/testing.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";

const squat = "barbell-back-squat";

analyticsTest("[analytics] GET /v1/analytics/summary", async (t, fx) => {
  const summaryOf = async (userId: string) =>
    await expectJson<SummaryBody>(
      await fx.call("GET", "/v1/analytics/summary", await fx.token(userId)),
      200,
    );

  await t.step("is all zeros, with 12 empty weeks, for a member without sessions", async () => {
    const summary = await summaryOf("u-new");
    assert.equal(summary.totalSessions, 0);
    assert.equal(summary.totalVolumeKg, 0);
    assert.equal(summary.currentStreakDays, 0);
    assert.equal(summary.longestStreakDays, 0);
    assert.deepEqual(summary.personalRecords, []);
    assert.equal(summary.weekly.length, 12);
    assert.ok(summary.weekly.every((week) => week.sessions === 0 && week.volumeKg === 0));
  });

  await t.step("adds up a known history (now: Tuesday 2026-03-10, UTC)", async () => {
    await accepted(fx.deliver(userRegistered("u-ada", "2025-09-01T10:00:00Z")));
    const history = [
      sessionLogged("u-ada", "s-old", "2025-10-01T10:00:00Z", { volumeKg: 50 }),
      sessionLogged("u-ada", "s-feb", "2026-02-20T10:00:00Z", {
        volumeKg: 100,
        personalRecords: [{ exerciseId: squat, kind: "max_weight", value: 90 }],
      }),
      sessionLogged("u-ada", "s-sun", "2026-03-08T07:00:00Z", { volumeKg: 250 }),
      sessionLogged("u-ada", "s-mon", "2026-03-09T18:00:00Z", { volumeKg: 500 }),
      sessionLogged("u-ada", "s-tue", "2026-03-10T08:00:00Z", {
        volumeKg: 1000.5,
        personalRecords: [
          { exerciseId: squat, kind: "max_weight", value: 100 },
          { exerciseId: squat, kind: "estimated_1rm", value: 116.7 },
        ],
      }),
    ];
    for (const event of history) await accepted(fx.deliver(event));

    const summary = await summaryOf("u-ada");
    assert.equal(summary.totalSessions, 5);
    assert.equal(summary.totalVolumeKg, 1900.5);
    assert.equal(summary.currentStreakDays, 3);
    assert.equal(summary.longestStreakDays, 3);
    assert.deepEqual(summary.personalRecords, [
      {
        exerciseId: squat,
        kind: "estimated_1rm",
        value: 116.7,
        achievedAt: "2026-03-10T08:00:00.000Z",
      },
      { exerciseId: squat, kind: "max_weight", value: 100, achievedAt: "2026-03-10T08:00:00.000Z" },
    ]);
    assert.equal(summary.weekly.length, 12);
    assert.equal(summary.weekly[0].weekStart, "2025-12-22");
    assert.deepEqual(summary.weekly.at(-1), {
      weekStart: "2026-03-09",
      sessions: 2,
      volumeKg: 1500.5,
    });
    assert.deepEqual(summary.weekly.at(-2), {
      weekStart: "2026-03-02",
      sessions: 1,
      volumeKg: 250,
    });
    assert.deepEqual(summary.weekly.at(-4), {
      weekStart: "2026-02-16",
      sessions: 1,
      volumeKg: 100,
    });
    assert.equal(summary.weekly.reduce((sum, week) => sum + week.sessions, 0), 4);
  });

  await t.step("keeps the best record when a lower one arrives late", async () => {
    await accepted(fx.deliver(
      sessionLogged("u-ada", "s-late", "2026-01-05T10:00:00Z", {
        volumeKg: 10,
        personalRecords: [{ exerciseId: squat, kind: "max_weight", value: 95 }],
      }),
    ));
    const summary = await summaryOf("u-ada");
    const best = summary.personalRecords.find((record) => record.kind === "max_weight");
    assert.deepEqual(best, {
      exerciseId: squat,
      kind: "max_weight",
      value: 100,
      achievedAt: "2026-03-10T08:00:00.000Z",
    });
  });

  await t.step("drops the current streak after a day without a session", async () => {
    fx.setNow(new Date("2026-03-12T12:00:00Z"));
    const summary = await summaryOf("u-ada");
    assert.equal(summary.currentStreakDays, 0);
    assert.equal(summary.longestStreakDays, 3);
    fx.setNow(new Date("2026-03-10T12:00:00Z"));
  });

  await t.step("counts days and weeks in the member's timezone", async () => {
    // 23:30 UTC is already the next morning in Tokyo.
    for (
      const [id, at] of [
        ["s-t1", "2026-03-07T23:30:00Z"], // UTC Sat 03-07, Tokyo Sun 03-08
        ["s-t2", "2026-03-09T01:00:00Z"], // Mon 03-09 in both
        ["s-t3", "2026-03-09T23:30:00Z"], // UTC Mon 03-09, Tokyo Tue 03-10
      ]
    ) await accepted(fx.deliver(sessionLogged("u-kenji", id, at, { volumeKg: 10 })));

    const utc = await summaryOf("u-kenji");
    assert.equal(utc.currentStreakDays, 1, "UTC days: 03-07, 03-09");
    assert.equal(utc.longestStreakDays, 1);

    await accepted(fx.deliver({
      type: "ProfileUpdated",
      payload: {
        userId: "u-kenji",
        displayName: "Kenji",
        timezone: "Asia/Tokyo",
        updatedAt: "2026-03-01T00:00:00Z",
        version: 2,
      },
    }));
    const tokyo = await summaryOf("u-kenji");
    assert.equal(tokyo.currentStreakDays, 3, "Tokyo days: 03-08, 03-09, 03-10");
    assert.equal(tokyo.longestStreakDays, 3);
    assert.deepEqual(tokyo.weekly.at(-1), { weekStart: "2026-03-09", sessions: 2, volumeKg: 20 });
    assert.deepEqual(tokyo.weekly.at(-2), { weekStart: "2026-03-02", sessions: 1, volumeKg: 10 });
  });

  await t.step("a week boundary moves with the timezone", async () => {
    // Sunday 16:00 UTC is Monday 01:00 in Tokyo: a new week there.
    await accepted(fx.deliver({
      type: "ProfileUpdated",
      payload: {
        userId: "u-yuki",
        displayName: "Yuki",
        timezone: "Asia/Tokyo",
        updatedAt: "2026-03-01T00:00:00Z",
        version: 2,
      },
    }));
    await accepted(fx.deliver(sessionLogged("u-yuki", "s-y1", "2026-03-08T16:00:00Z")));
    const summary = await summaryOf("u-yuki");
    assert.equal(summary.weekly.at(-1)?.sessions, 1);
    assert.equal(summary.weekly.at(-2)?.sessions, 0);
  });

  await t.step("is 401 without a token", async () => {
    await expectProblem(await fx.request("/v1/analytics/summary"), 401, "UNAUTHENTICATED");
  });

  await t.step("does not mix members", async () => {
    assert.equal((await summaryOf("u-nobody")).totalSessions, 0);
  });

  await t.step("keeps the timezone when UserRegistered arrives after ProfileUpdated", async () => {
    await accepted(fx.deliver(userRegistered("u-yuki", "2026-02-01T00:00:00Z")));
    const [member] = await fx.rows<{ timezone: string; registered: string }>(
      sql`select timezone, registered_at::text as registered from analytics.members
          where user_id = 'u-yuki'`,
    );
    assert.equal(member.timezone, "Asia/Tokyo");
    assert.match(member.registered, /^2026-02-01/);
  });
});

analyticsTest("[analytics] POST /queue/deliveries", async (t, fx) => {
  const sessions = async (userId: string) =>
    (await fx.rows<{ n: number }>(
      sql`select count(*)::int as n from analytics.session_facts where user_id = ${userId}`,
    ))[0].n;

  await t.step("counts a duplicate delivery once", async () => {
    const event = { id: "evt-dup-1", ...sessionLogged("u-dup", "s-dup", "2026-03-10T08:00:00Z") };
    await accepted(fx.deliver(event));
    await accepted(fx.deliver(event));
    // The same session under another event id (a republished outbox row) is still one session.
    await accepted(fx.deliver({ ...event, id: "evt-dup-2" }));
    assert.equal(await sessions("u-dup"), 1);
    const summary = await expectJson<SummaryBody>(
      await fx.call("GET", "/v1/analytics/summary", await fx.token("u-dup")),
      200,
    );
    assert.equal(summary.totalSessions, 1);
    const processed = await fx.rows<{ n: number }>(
      sql`select count(*)::int as n from analytics.processed_messages
          where message_id in ('evt-dup-1', 'evt-dup-2')`,
    );
    assert.equal(processed[0].n, 2);
  });

  await t.step("is 401 INVALID_SIGNATURE for a delivery signed with another key", async () => {
    const event = sessionLogged("u-forged", "s-forged", "2026-03-10T08:00:00Z");
    await expectProblem(
      await fx.deliver(event, { signingKey: "not-the-queue-key-but-long-enough-0000" }),
      401,
      "INVALID_SIGNATURE",
    );
    assert.equal(await sessions("u-forged"), 0);
  });

  await t.step("is 401 INVALID_SIGNATURE without a signature", async () => {
    const response = await fx.request("/queue/deliveries", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: "evt-unsigned",
        occurredAt: "2026-03-10T08:00:00Z",
        ...sessionLogged("u-forged", "s-unsigned", "2026-03-10T08:00:00Z"),
      }),
    });
    await expectProblem(response, 401, "INVALID_SIGNATURE");
    assert.equal(await sessions("u-forged"), 0);
  });

  await t.step(
    "dead-letters a payload that breaks its contract (489, with the reason), and records nothing",
    async () => {
      const response = await fx.deliver({
        id: "evt-bad",
        type: "SessionLogged",
        payload: { sessionId: "s-bad" },
      });
      assert.equal(response.status, 489);
      assert.equal(response.headers.get("upstash-nonretryable-error"), "true");
      assert.match((await response.json()).reason, /SessionLogged payload does not satisfy/);
      const processed = await fx.rows<{ n: number }>(
        sql`select count(*)::int as n from analytics.processed_messages where message_id = 'evt-bad'`,
      );
      assert.equal(processed[0].n, 0);
    },
  );

  await t.step("accepts and ignores an event type it does not handle", async () => {
    // StockLow is for notifications only: analytics has no handler for it.
    await accepted(fx.deliver({ type: "StockLow", payload: {} }));
  });
});
