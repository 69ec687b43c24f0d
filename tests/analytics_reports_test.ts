import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import {
  accepted,
  type AnalyticsFixture,
  analyticsTest,
  type ReportBody,
  reports,
  sessionLogged,
} from "../workers/analytics/testing.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";

interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

async function outboxOf(fx: AnalyticsFixture, type: string, reportId: string) {
  return await fx.rows<OutboxRow>(
    sql`select id, type, payload, to_char(created_at at time zone 'UTC',
               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
        from analytics.outbox where type = ${type} and payload ->> 'reportId' = ${reportId}`,
  );
}

/** Delivers the ReportRequested event the worker wrote for `reportId`, as the relay would. */
async function relayRequest(fx: AnalyticsFixture, reportId: string) {
  const [row] = await outboxOf(fx, "ReportRequested", reportId);
  assert.ok(row, "a ReportRequested event is in analytics.outbox");
  await accepted(fx.deliver({
    id: row.id,
    type: row.type,
    occurredAt: row.createdAt,
    payload: row.payload,
  }));
}

analyticsTest("[analytics] reports", async (t, fx) => {
  const ada = await fx.token("u-ada");
  const request = async (body: unknown, token = ada) =>
    await fx.call("POST", "/v1/analytics/reports", token, body);
  const get = async (id: string, token = ada) =>
    await fx.call("GET", `/v1/analytics/reports/${id}`, token);

  for (
    const [id, at, volumeKg] of [
      ["s-1", "2026-03-02T08:00:00Z", 100],
      ["s-2", "2026-03-03T08:00:00Z", 200],
      ["s-3", "2026-03-03T18:00:00Z", 300],
      ["s-4", "2026-04-01T08:00:00Z", 999],
    ] as const
  ) {
    await accepted(fx.deliver(sessionLogged("u-ada", id, at, {
      volumeKg,
      exerciseIds: id === "s-2" ? ["deadlift"] : ["barbell-back-squat"],
      personalRecords: id === "s-3"
        ? [{ exerciseId: "barbell-back-squat", kind: "max_weight", value: 120 }]
        : [],
    })));
  }

  await t.step("a volume report goes pending → ready, and announces ReportReady", async () => {
    const response = await request({
      kind: "volume",
      from: "2026-03-01T00:00:00Z",
      to: "2026-03-31T00:00:00+00:00",
    });
    const accepted202 = await expectJson<{ id: string; status: string }>(response, 202);
    assert.equal(accepted202.status, "pending");
    assert.deepEqual(Object.keys(accepted202).sort(), ["id", "status"]);
    assert.equal(response.headers.get("location"), `/v1/analytics/reports/${accepted202.id}`);

    const pending = await expectJson<ReportBody>(await get(accepted202.id), 200);
    assert.deepEqual(pending, {
      id: accepted202.id,
      kind: "volume",
      status: "pending",
      result: null,
      createdAt: "2026-03-10T12:00:00.000Z",
      completedAt: null,
    });
    assert.deepEqual(await outboxOf(fx, "ReportReady", accepted202.id), []);

    fx.setNow(new Date("2026-03-10T12:00:01Z"));
    await relayRequest(fx, accepted202.id);
    const ready = await expectJson<ReportBody>(await get(accepted202.id), 200);
    assert.equal(ready.status, "ready");
    assert.equal(ready.completedAt, "2026-03-10T12:00:01.000Z");
    assert.deepEqual(ready.result, {
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-03-31T00:00:00.000Z",
      timezone: "UTC",
      sessions: 3,
      volumeKg: 600,
      byDay: [
        { date: "2026-03-02", sessions: 1, volumeKg: 100 },
        { date: "2026-03-03", sessions: 2, volumeKg: 500 },
      ],
    });

    const announced = await outboxOf(fx, "ReportReady", accepted202.id);
    assert.equal(announced.length, 1);
    assert.deepEqual(announced[0].payload, {
      userId: "u-ada",
      reportId: accepted202.id,
      kind: "volume",
    });

    // The queue delivers at least once: a second delivery changes nothing.
    await relayRequest(fx, accepted202.id);
    assert.equal((await outboxOf(fx, "ReportReady", accepted202.id)).length, 1);
    fx.setNow(new Date("2026-03-10T12:00:00Z"));
  });

  await t.step("a progress report counts days and records of the window", async () => {
    const { id } = await expectJson<{ id: string }>(
      await request({ kind: "progress", from: "2026-03-01T00:00:00Z", to: "2026-03-04T00:00:00Z" }),
      202,
    );
    await relayRequest(fx, id);
    const report = await expectJson<ReportBody>(await get(id), 200);
    assert.equal(report.status, "ready");
    assert.deepEqual(report.result, {
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-03-04T00:00:00.000Z",
      timezone: "UTC",
      sessions: 3,
      volumeKg: 600,
      activeDays: 2,
      personalRecords: [{ exerciseId: "barbell-back-squat", kind: "max_weight", value: 120 }],
    });
  });

  await t.step("an exercise history lists the sessions with that exercise", async () => {
    const { id } = await expectJson<{ id: string }>(
      await request({
        kind: "exercise_history",
        from: "2026-03-01T00:00:00Z",
        to: "2026-05-01T00:00:00Z",
        exerciseId: "barbell-back-squat",
      }),
      202,
    );
    await relayRequest(fx, id);
    const report = await expectJson<ReportBody>(await get(id), 200);
    const result = report.result as Record<string, unknown>;
    assert.equal(result.exerciseId, "barbell-back-squat");
    assert.deepEqual(result.sessions, [
      { sessionId: "s-1", startedAt: "2026-03-02T08:00:00.000Z" },
      { sessionId: "s-3", startedAt: "2026-03-03T18:00:00.000Z" },
      { sessionId: "s-4", startedAt: "2026-04-01T08:00:00.000Z" },
    ]);
    assert.deepEqual(result.personalRecords, [
      { kind: "max_weight", value: 120, achievedAt: "2026-03-03T18:00:00.000Z" },
    ]);
  });

  await t.step(
    "stores failed, and announces nothing, when its parameters are unreadable",
    async () => {
      await fx.db.insert(reports).values({
        id: "r-broken",
        userId: "u-ada",
        kind: "volume",
        params: { from: "yesterday" },
      });
      await accepted(fx.deliver({
        type: "ReportRequested",
        payload: { reportId: "r-broken", userId: "u-ada" },
      }));
      const report = await expectJson<ReportBody>(await get("r-broken"), 200);
      assert.equal(report.status, "failed");
      assert.notEqual(report.completedAt, null);
      assert.deepEqual(await outboxOf(fx, "ReportReady", "r-broken"), []);
    },
  );

  await t.step("ignores a ReportRequested for a report that no longer exists", async () => {
    await accepted(
      fx.deliver({ type: "ReportRequested", payload: { reportId: "r-gone", userId: "u-gone" } }),
    );
  });

  await t.step("is 404 REPORT_NOT_FOUND for another member's report or an unknown id", async () => {
    const { id } = await expectJson<{ id: string }>(
      await request({ kind: "volume", from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" }),
      202,
    );
    await expectProblem(await get(id, await fx.token("u-eve")), 404, "REPORT_NOT_FOUND");
    await expectProblem(await get("nope"), 404, "REPORT_NOT_FOUND");
  });

  await t.step("is 401 without a token", async () => {
    await expectProblem(
      await fx.request("/v1/analytics/reports", { method: "POST" }),
      401,
      "UNAUTHENTICATED",
    );
    await expectProblem(await fx.request("/v1/analytics/reports/x"), 401, "UNAUTHENTICATED");
  });

  await t.step("validates the request with 422 and JSON Pointers", async () => {
    const cases: [unknown, string][] = [
      [{ from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" }, "/kind"],
      [{ kind: "yearly", from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" }, "/kind"],
      [{ kind: "volume", from: "2026-02-30T00:00:00Z", to: "2026-03-02T00:00:00Z" }, "/from"],
      [{ kind: "volume", from: "2026-03-01", to: "2026-03-02T00:00:00Z" }, "/from"],
      [{ kind: "volume", from: "2026-03-01T00:00:00Z" }, "/to"],
      [{ kind: "volume", from: "2026-03-02T00:00:00Z", to: "2026-03-01T00:00:00Z" }, "/to"],
      [
        { kind: "exercise_history", from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" },
        "/exerciseId",
      ],
      [{
        kind: "volume",
        from: "2026-03-01T00:00:00Z",
        to: "2026-03-02T00:00:00Z",
        exerciseId: "barbell-back-squat",
      }, "/exerciseId"],
      [{
        kind: "exercise_history",
        from: "2026-03-01T00:00:00Z",
        to: "2026-03-02T00:00:00Z",
        exerciseId: "no spaces/please",
      }, "/exerciseId"],
    ];
    for (const [body, pointer] of cases) {
      const problem = await expectProblem(await request(body), 422, "VALIDATION_FAILED");
      assert.equal(problem.errors?.[0]?.pointer, pointer, JSON.stringify(body));
    }
  });

  await t.step("is 400 for malformed JSON and 415 for another media type", async () => {
    const headers = { authorization: `Bearer ${ada}`, "content-type": "application/json" };
    await expectProblem(
      await fx.request("/v1/analytics/reports", { method: "POST", headers, body: "{" }),
      400,
      "MALFORMED_JSON",
    );
    await expectProblem(
      await fx.request("/v1/analytics/reports", {
        method: "POST",
        headers: { ...headers, "content-type": "text/plain" },
        body: "{}",
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });
});
