import assert from "node:assert/strict";
import {
  accepted,
  analyticsTest,
  type OverviewBody,
  revenueFacts,
  sessionLogged,
  userRegistered,
} from "../workers/analytics/testing.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";

const path = "/v1/admin/analytics/overview";

// The fixture's now: 2026-03-10T12:00Z; the window is 2026-02-09 … 2026-03-10 (UTC dates).
analyticsTest("[analytics] GET /v1/admin/analytics/overview", async (t, fx) => {
  await accepted(fx.deliver(userRegistered("u-old", "2026-01-01T10:00:00Z")));
  await accepted(fx.deliver(userRegistered("u-a", "2026-03-10T09:00:00Z")));
  await accepted(fx.deliver(userRegistered("u-b", "2026-03-10T18:30:00+09:00"))); // 09:30Z
  await accepted(fx.deliver(userRegistered("u-c", "2026-02-09T00:00:00Z")));
  for (
    const [user, id, at] of [
      ["u-a", "s-a1", "2026-03-10T06:00:00Z"], // active in the last day
      ["u-a", "s-a2", "2026-03-09T06:00:00Z"],
      ["u-b", "s-b1", "2026-03-05T06:00:00Z"], // last 7 days
      ["u-old", "s-o1", "2026-02-20T06:00:00Z"], // last 30 days
      ["u-c", "s-c1", "2026-01-20T06:00:00Z"], // outside
    ]
  ) await accepted(fx.deliver(sessionLogged(user, id, at)));
  await fx.db.insert(revenueFacts).values([
    {
      paymentId: "p1",
      userId: "u-a",
      amountCents: 1999,
      currency: "EUR",
      occurredAt: new Date("2026-03-09T10:00:00Z"),
    },
    {
      paymentId: "p2",
      userId: "u-b",
      amountCents: 500,
      currency: "EUR",
      occurredAt: new Date("2026-03-09T11:00:00Z"),
    },
    {
      paymentId: "p3",
      userId: "u-b",
      amountCents: 1200,
      currency: "USD",
      occurredAt: new Date("2026-03-09T12:00:00Z"),
    },
    {
      paymentId: "p4",
      userId: "u-c",
      amountCents: 700,
      currency: "EUR",
      occurredAt: new Date("2026-01-09T12:00:00Z"),
    },
  ]);

  await t.step("is 403 FORBIDDEN for a member", async () => {
    await expectProblem(await fx.call("GET", path, await fx.token("u-a")), 403, "FORBIDDEN");
  });

  await t.step("is 401 without a token", async () => {
    await expectProblem(await fx.request(path), 401, "UNAUTHENTICATED");
  });

  await t.step("answers the last 30 days to an admin", async () => {
    const overview = await expectJson<OverviewBody>(
      await fx.call("GET", path, await fx.adminToken("u-root")),
      200,
    );
    assert.deepEqual(overview.users, { total: 4, active1d: 1, active7d: 2, active30d: 3 });

    assert.equal(overview.signupsByDay.length, 30);
    assert.equal(overview.signupsByDay[0].date, "2026-02-09");
    assert.equal(overview.signupsByDay[29].date, "2026-03-10");
    assert.deepEqual(overview.signupsByDay.filter((day) => day.count > 0), [
      { date: "2026-02-09", count: 1 },
      { date: "2026-03-10", count: 2 },
    ]);

    assert.equal(overview.sessionsByDay.length, 30);
    assert.deepEqual(overview.sessionsByDay.filter((day) => day.count > 0), [
      { date: "2026-02-20", count: 1 },
      { date: "2026-03-05", count: 1 },
      { date: "2026-03-09", count: 1 },
      { date: "2026-03-10", count: 1 },
    ]);

    assert.deepEqual(overview.revenueByDay, [
      { date: "2026-03-09", amountCents: 2499, currency: "EUR" },
      { date: "2026-03-09", amountCents: 1200, currency: "USD" },
    ]);
  });
});
