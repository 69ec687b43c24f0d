import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import {
  accepted,
  type AnalyticsFixture,
  analyticsTest,
  localDate,
  recentWeekStarts,
  sessionLogged,
  streaks,
  type SummaryBody,
  userRegistered,
} from "../workers/analytics/testing.ts";
import { expectJson } from "../shared/testing/assertions.ts";

/**
 * The summary as it was computed before the running aggregates: straight
 * from every session fact. The oracle the aggregates must always equal.
 */
async function summaryFromFacts(fx: AnalyticsFixture, userId: string, now: Date) {
  const [member] = await fx.rows<{ timezone: string }>(
    sql`select timezone from analytics.members where user_id = ${userId}`,
  );
  const timezone = member?.timezone ?? "UTC";
  const today = localDate(now, timezone);
  const facts = await fx.rows<{ day: string; week: string; volumeKg: number }>(sql`
    select to_char(started_at at time zone ${timezone}, 'YYYY-MM-DD') as "day",
           to_char(date_trunc('week', started_at at time zone ${timezone}), 'YYYY-MM-DD') as "week",
           volume_kg::float8 as "volumeKg"
    from analytics.session_facts where user_id = ${userId}`);
  const streak = streaks(facts.map((fact) => fact.day), today);
  return {
    totalSessions: facts.length,
    totalVolumeKg: facts.reduce((sum, fact) => sum + fact.volumeKg, 0),
    currentStreakDays: streak.current,
    longestStreakDays: streak.longest,
    weekly: recentWeekStarts(today, 12).map((weekStart) => {
      const inWeek = facts.filter((fact) => fact.week === weekStart);
      return {
        weekStart,
        sessions: inWeek.length,
        volumeKg: inWeek.reduce((sum, fact) => sum + fact.volumeKg, 0),
      };
    }),
  };
}

/** A history with same-day sessions, gaps, week and day boundaries, a future day. */
const history: [string, string, number][] = [
  ["s01", "2025-11-03T06:00:00Z", 10],
  ["s02", "2025-12-21T23:30:00Z", 20], // Sunday in UTC, Monday in Tokyo
  ["s03", "2025-12-22T08:00:00Z", 30],
  ["s04", "2025-12-22T20:00:00Z", 40], // same UTC day as s03
  ["s05", "2025-12-23T10:00:00Z", 50],
  ["s06", "2026-02-28T15:30:00Z", 60],
  ["s07", "2026-03-01T15:30:00Z", 70], // Monday in Tokyo
  ["s08", "2026-03-05T12:00:00Z", 80],
  ["s09", "2026-03-06T12:00:00Z", 90],
  ["s10", "2026-03-08T12:00:00Z", 100],
  ["s11", "2026-03-09T01:00:00Z", 110],
  ["s12", "2026-03-09T23:00:00Z", 120], // Tokyo: Tuesday 03-10
  ["s13", "2026-03-11T09:00:00Z", 130], // after "now": a client clock ahead
];

/** `order` of `history`'s indexes, each delivered (the ones in `twice`, twice). */
async function deliver(fx: AnalyticsFixture, userId: string, order: number[], twice = [0]) {
  for (const i of order) {
    const [id, at, volumeKg] = history[i];
    const event = {
      id: `evt-${userId}-${id}`,
      ...sessionLogged(userId, `${userId}-${id}`, at, { volumeKg }),
    };
    await accepted(fx.deliver(event));
    if (twice.includes(i)) {
      await accepted(fx.deliver(event));
      await accepted(fx.deliver({ ...event, id: `${event.id}-again` })); // republished
    }
  }
}

analyticsTest("[analytics] summary running aggregates", async (t, fx) => {
  const summaryOf = async (userId: string) => {
    const { personalRecords: _records, ...summary } = await expectJson<SummaryBody>(
      await fx.call("GET", "/v1/analytics/summary", await fx.token(userId)),
      200,
    );
    return summary;
  };
  const matchesFacts = async (userId: string, now: Date) => {
    fx.setNow(now);
    assert.deepEqual(await summaryOf(userId), await summaryFromFacts(fx, userId, now));
  };
  const nows = ["2026-03-10T12:00:00Z", "2026-03-09T20:00:00Z", "2026-03-12T00:30:00Z"]
    .map((at) => new Date(at));
  const inOrder = history.map((_, i) => i);
  const shuffled = [7, 2, 12, 0, 10, 4, 9, 1, 11, 3, 6, 8, 5];

  await t.step("equal the summary from all facts, in order and out of order", async () => {
    await accepted(fx.deliver(userRegistered("u-in", "2025-10-01T00:00:00Z")));
    await deliver(fx, "u-in", inOrder, [3, 12]);
    await deliver(fx, "u-out", shuffled, [0, 5, 11]);
    for (const now of nows) {
      await matchesFacts("u-in", now);
      await matchesFacts("u-out", now);
      const { weekly: _a, ...a } = await summaryOf("u-in");
      const { weekly: _b, ...b } = await summaryOf("u-out");
      assert.deepEqual(a, b);
    }
    fx.setNow(nows[0]);
    const summary = await summaryOf("u-in");
    assert.equal(summary.totalSessions, 13, "redeliveries count once");
    assert.equal(summary.longestStreakDays, 3, "12-21..12-23 in UTC");
    assert.equal(summary.currentStreakDays, 2, "03-08, 03-09 in UTC");
  });

  await t.step("move with the member's timezone, in both directions", async () => {
    for (const [zone, version] of [["Asia/Tokyo", 2], ["America/Los_Angeles", 3], ["UTC", 4]]) {
      await accepted(fx.deliver({
        type: "ProfileUpdated",
        payload: {
          userId: "u-out",
          displayName: "Out",
          timezone: zone,
          updatedAt: "2026-03-01T00:00:00Z",
          version,
        },
      }));
      for (const now of nows) await matchesFacts("u-out", now);
      if (zone === "Asia/Tokyo") {
        fx.setNow(nows[0]);
        assert.equal((await summaryOf("u-out")).currentStreakDays, 3, "03-08..03-10 in Tokyo");
      }
    }
  });

  await t.step("are rebuilt from the facts by the backfill migration", async () => {
    const before = await summaryOf("u-in");
    await fx.db.execute(sql`delete from analytics.summary_totals`);
    await fx.db.execute(sql`delete from analytics.weekly_totals`);
    await fx.db.execute(sql`delete from analytics.active_runs`);
    assert.equal((await summaryOf("u-in")).totalSessions, 0);
    const migration = await Deno.readTextFile(
      new URL("../db/migrations/analytics/0003_summary_backfill.sql", import.meta.url),
    );
    await fx.db.transaction(async (tx) => {
      for (const statement of migration.split("--> statement-breakpoint")) {
        await tx.execute(sql.raw(statement));
      }
    });
    assert.deepEqual(await summaryOf("u-in"), before);
    for (const now of nows) await matchesFacts("u-out", now);
  });

  await t.step("are erased with the member", async () => {
    await accepted(fx.deliver({
      type: "UserDeleted",
      payload: { userId: "u-in", deletedAt: "2026-03-10T12:00:00Z" },
    }));
    const [left] = await fx.rows<{ n: number }>(sql`
      select (select count(*) from analytics.summary_totals where user_id = 'u-in')
           + (select count(*) from analytics.weekly_totals where user_id = 'u-in')
           + (select count(*) from analytics.active_runs where user_id = 'u-in') as "n"`);
    assert.equal(Number(left.n), 0);
    fx.setNow(nows[0]);
    assert.equal((await summaryOf("u-in")).totalSessions, 0);
    assert.equal((await summaryOf("u-out")).totalSessions, 13, "others keep theirs");
  });
});
