import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import {
  accepted,
  type AnalyticsFixture,
  analyticsTest,
  revenueFacts,
  sessionLogged,
  type SummaryBody,
  userRegistered,
} from "../workers/analytics/testing.ts";
import { expectJson } from "../shared/testing/assertions.ts";

interface Footprint {
  members: number;
  sessions: number;
  records: number;
  reports: number;
  revenue: number;
  outbox: number;
  processed: number;
}

/** How many rows of each analytics table mention `userId` (by column or in a payload). */
async function footprint(fx: AnalyticsFixture, userId: string): Promise<Footprint> {
  const [row] = await fx.rows<Footprint>(sql`
    select
      (select count(*)::int from analytics.members where user_id = ${userId}) as "members",
      (select count(*)::int from analytics.session_facts where user_id = ${userId}) as "sessions",
      (select count(*)::int from analytics.record_facts where user_id = ${userId}) as "records",
      (select count(*)::int from analytics.reports where user_id = ${userId}) as "reports",
      (select count(*)::int from analytics.revenue_facts where user_id = ${userId}) as "revenue",
      (select count(*)::int from analytics.outbox
        where payload::text like ${`%${userId}%`}) as "outbox",
      (select count(*)::int from analytics.processed_messages
        where message_id like ${`%${userId}%`}) as "processed"`);
  return row;
}

const nothing: Footprint = {
  members: 0,
  sessions: 0,
  records: 0,
  reports: 0,
  revenue: 0,
  outbox: 0,
  processed: 0,
};

analyticsTest("[analytics] UserDeleted", async (t, fx) => {
  const history = async (userId: string) => {
    await accepted(fx.deliver(userRegistered(userId, "2026-01-01T00:00:00Z")));
    await accepted(fx.deliver({
      type: "ProfileUpdated",
      payload: {
        userId,
        displayName: userId,
        timezone: "Europe/Berlin",
        updatedAt: "2026-01-02T00:00:00Z",
        version: 2,
      },
    }));
    await accepted(fx.deliver(sessionLogged(userId, `${userId}-s1`, "2026-03-09T08:00:00Z", {
      volumeKg: 100,
      personalRecords: [{ exerciseId: "barbell-back-squat", kind: "max_weight", value: 80 }],
    })));
    await fx.db.insert(revenueFacts).values({
      paymentId: `${userId}-p1`,
      userId,
      amountCents: 1999,
      currency: "EUR",
      occurredAt: new Date("2026-03-09T10:00:00Z"),
    });
    const token = await fx.token(userId);
    // One report computed (ReportRequested + ReportReady in the outbox), one still pending.
    for (const kind of ["volume", "progress"]) {
      const response = await fx.call("POST", "/v1/analytics/reports", token, {
        kind,
        from: "2026-03-01T00:00:00Z",
        to: "2026-03-31T00:00:00Z",
      });
      assert.equal(response.status, 202);
      const { id } = await response.json() as { id: string };
      if (kind === "volume") {
        const [event] = await fx.rows<{ id: string; payload: unknown }>(
          sql`select id, payload from analytics.outbox where payload ->> 'reportId' = ${id}`,
        );
        await accepted(
          fx.deliver({ id: event.id, type: "ReportRequested", payload: event.payload }),
        );
      }
    }
  };

  await history("u-gone");
  await history("u-stays");

  await t.step("the member has a footprint before", async () => {
    // ReportRequested ×2 and one ReportReady in the outbox.
    const expected: Footprint = { ...nothing, members: 1, sessions: 1, records: 1, reports: 2 };
    assert.deepEqual(await footprint(fx, "u-gone"), { ...expected, revenue: 1, outbox: 3 });
  });

  await t.step("leaves nothing of the member in any analytics table", async () => {
    await accepted(fx.deliver({
      type: "UserDeleted",
      payload: { userId: "u-gone", deletedAt: "2026-03-10T12:00:00Z" },
    }));
    assert.deepEqual(await footprint(fx, "u-gone"), nothing);
    const outboxByReport = await fx.rows<{ n: number }>(sql`
      select count(*)::int as n from analytics.outbox o
      where o.payload ->> 'reportId' is not null
        and not exists (select 1 from analytics.reports r where r.id = o.payload ->> 'reportId')`);
    assert.equal(outboxByReport[0].n, 0, "no event names an erased report");
  });

  await t.step("keeps the revenue, anonymised", async () => {
    const rows = await fx.rows<{ userId: string | null; amountCents: number }>(sql`
      select user_id as "userId", amount_cents as "amountCents"
      from analytics.revenue_facts where payment_id = 'u-gone-p1'`);
    assert.deepEqual(rows, [{ userId: null, amountCents: 1999 }]);
  });

  await t.step("answers an empty summary for the erased member", async () => {
    const summary = await expectJson<SummaryBody>(
      await fx.call("GET", "/v1/analytics/summary", await fx.token("u-gone")),
      200,
    );
    assert.equal(summary.totalSessions, 0);
    assert.deepEqual(summary.personalRecords, []);
  });

  await t.step("leaves other members alone", async () => {
    assert.deepEqual(await footprint(fx, "u-stays"), {
      ...nothing,
      members: 1,
      sessions: 1,
      records: 1,
      reports: 2,
      revenue: 1,
      outbox: 3,
    });
  });
});
