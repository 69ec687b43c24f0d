/**
 * The Workouts section of the contract, part 3: logging sessions, personal
 * records, offline retries and reading one's own history.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { selectRows } from "../shared/stores/postgres/rows.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp, type TestUser } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import { type Page, type SessionBody } from "../workers/workouts/testing.ts";

const squat = "barbell-back-squat";
const bench = "barbell-bench-press";
const deadlift = "barbell-deadlift";

function rows<T>(platform: TestPlatform, query: ReturnType<typeof sql>): Promise<T[]> {
  return selectRows<T>(platform.stores.postgres.db, query);
}

function log(platform: TestPlatform, user: TestUser, body: unknown): Promise<Response> {
  return platform.request("/v1/sessions", postJson(body, bearer(user.accessToken)));
}

platformTest("[workouts] POST /v1/sessions", async (t, open) => {
  const platform = await open();
  const alice = await signUp(platform);

  await t.step(
    "logs a session: 201 with Location, volume, and a server-made clientId",
    async () => {
      const response = await log(platform, alice, {
        startedAt: "2026-01-01T09:00:00+01:00",
        endedAt: "2026-01-01T09:45:30.250Z",
        notes: "Easy day",
        entries: [
          { exerciseId: "pull-up", sets: [{ reps: 8 }, { reps: 6, rpe: 9.5 }] },
          { exerciseId: squat, sets: [{ reps: 5, weightKg: 62.5 }, { weightKg: 20, reps: 10 }] },
        ],
      });
      const body = await expectJson<SessionBody>(response, 201);
      assert.equal(response.headers.get("location"), `/v1/sessions/${body.id}`);
      assert.match(body.clientId, /^[A-Za-z0-9_-]{1,100}$/);
      assert.deepEqual({ ...body, id: "", clientId: "", createdAt: "" }, {
        id: "",
        clientId: "",
        workoutId: null,
        startedAt: "2026-01-01T08:00:00.000Z",
        endedAt: "2026-01-01T09:45:30.250Z",
        notes: "Easy day",
        entries: [
          { exerciseId: "pull-up", sets: [{ reps: 8 }, { reps: 6, rpe: 9.5 }] },
          { exerciseId: squat, sets: [{ reps: 5, weightKg: 62.5 }, { reps: 10, weightKg: 20 }] },
        ],
        volumeKg: 512.5,
        personalRecords: [],
        createdAt: "",
      });
      const fetched = await platform.request(
        response.headers.get("location")!,
        { headers: bearer(alice.accessToken) },
      );
      assert.deepEqual(await expectJson(fetched, 200), body);
    },
  );

  await t.step("writes one SessionLogged outbox row in the same transaction", async () => {
    const events = await rows<{ type: string; payload: Record<string, unknown> }>(
      platform,
      sql`select type, payload from workouts.outbox where payload->>'userId' = ${alice.id}`,
    );
    assert.equal(events.length, 1);
    assert.equal(events[0].type, "SessionLogged");
    const [session] = await rows<{ id: string; client_id: string }>(
      platform,
      sql`select id, client_id from workouts.sessions where user_id = ${alice.id}`,
    );
    assert.deepEqual(events[0].payload, {
      sessionId: session.id,
      userId: alice.id,
      clientId: session.client_id,
      startedAt: "2026-01-01T08:00:00.000Z",
      endedAt: "2026-01-01T09:45:30.250Z",
      volumeKg: 512.5,
      personalRecords: [],
      exerciseIds: ["pull-up", squat],
    });
  });

  await t.step("needs a token", async () => {
    await expectProblem(
      await platform.request("/v1/sessions", postJson({ startedAt: "x", entries: [] })),
      401,
      "UNAUTHENTICATED",
    );
  });
});

platformTest("[workouts] personal records over a known history", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const logged: SessionBody[] = [];
  const session = async (day: string, entries: unknown[]) => {
    const body = await expectJson<SessionBody>(
      await log(platform, member, {
        clientId: `day-${day}`,
        startedAt: `${day}T18:00:00Z`,
        entries,
      }),
      201,
    );
    logged.push(body);
    return body;
  };

  await t.step("a first log of each exercise sets the baselines and reports nothing", async () => {
    const first = await session("2026-01-05", [
      { exerciseId: squat, sets: [{ reps: 5, weightKg: 100 }, { reps: 5, weightKg: 100 }] },
      { exerciseId: bench, sets: [{ reps: 8, weightKg: 60 }] },
    ]);
    assert.equal(first.volumeKg, 1480);
    assert.deepEqual(first.personalRecords, []);
  });

  await t.step("the second reports exactly what beat the baselines", async () => {
    const second = await session("2026-01-12", [
      { exerciseId: squat, sets: [{ reps: 3, weightKg: 110 }] },
      { exerciseId: bench, sets: [{ reps: 10, weightKg: 60 }] },
      { exerciseId: deadlift, sets: [{ reps: 5, weightKg: 130 }] },
    ]);
    assert.equal(second.volumeKg, 1580);
    assert.deepEqual(second.personalRecords, [
      { exerciseId: squat, kind: "max_weight", value: 110 },
      { exerciseId: squat, kind: "estimated_1rm", value: 121 },
      { exerciseId: bench, kind: "max_reps", value: 10 },
      { exerciseId: bench, kind: "max_volume", value: 600 },
      { exerciseId: bench, kind: "estimated_1rm", value: 80 },
    ]);
  });

  await t.step("the third: a single counts as its weight, sets over 12 reps no 1RM", async () => {
    const third = await session("2026-01-19", [
      { exerciseId: squat, sets: [{ reps: 1, weightKg: 120 }, { reps: 15, weightKg: 50 }] },
      { exerciseId: deadlift, sets: [{ reps: 5, weightKg: 140 }] },
    ]);
    assert.equal(third.volumeKg, 1570);
    assert.deepEqual(third.personalRecords, [
      { exerciseId: squat, kind: "max_weight", value: 120 },
      { exerciseId: squat, kind: "max_reps", value: 15 },
      { exerciseId: deadlift, kind: "max_weight", value: 140 },
      { exerciseId: deadlift, kind: "max_volume", value: 700 },
      { exerciseId: deadlift, kind: "estimated_1rm", value: 163.33 },
    ]);
  });

  await t.step("the stored bests are the best of the three; events carry the records", async () => {
    const bests = await rows<{ exercise_id: string; kind: string; value: number }>(
      platform,
      sql`select exercise_id, kind, value from workouts.personal_bests
          where user_id = ${member.id}`,
    );
    assert.deepEqual(
      bests.map((best) => `${best.exercise_id} ${best.kind} ${best.value}`).sort(),
      [
        `${bench} estimated_1rm 80`,
        `${bench} max_reps 10`,
        `${bench} max_volume 600`,
        `${bench} max_weight 60`,
        `${deadlift} estimated_1rm 163.33`,
        `${deadlift} max_reps 5`,
        `${deadlift} max_volume 700`,
        `${deadlift} max_weight 140`,
        `${squat} estimated_1rm 121`,
        `${squat} max_reps 15`,
        `${squat} max_volume 1000`,
        `${squat} max_weight 120`,
      ].sort(),
    );
    const events = await rows<{ payload: { sessionId: string; personalRecords: unknown[] } }>(
      platform,
      sql`select payload from workouts.outbox where payload->>'userId' = ${member.id}`,
    );
    assert.equal(events.length, 3);
    for (const body of logged) {
      const event = events.find((row) => row.payload.sessionId === body.id);
      assert.deepEqual(event?.payload.personalRecords, body.personalRecords);
    }
  });
});

platformTest("[workouts] POST /v1/sessions is idempotent by clientId", async (t, open) => {
  const platform = await open();
  const alice = await signUp(platform);
  const bob = await signUp(platform);
  const body = (clientId: string, weightKg = 100) => ({
    clientId,
    startedAt: "2026-02-01T07:30:00Z",
    entries: [{ exerciseId: bench, sets: [{ reps: 5, weightKg }] }],
  });
  const count = async (table: "sessions" | "outbox", user: TestUser, clientId: string) => {
    const where = table === "sessions"
      ? sql`user_id = ${user.id} and client_id = ${clientId}`
      : sql`payload->>'userId' = ${user.id} and payload->>'clientId' = ${clientId}`;
    const [row] = await rows<{ n: number }>(
      platform,
      sql`select count(*)::int as n from ${sql.raw(`workouts.${table}`)} where ${where}`,
    );
    return row.n;
  };

  await t.step("a retry answers the original with 200 and creates nothing", async () => {
    const first = await expectJson<SessionBody>(await log(platform, alice, body("retry-1")), 201);
    // Even when the retry's body differs, the original stands: the clientId names the session.
    const retry = await log(platform, alice, body("retry-1", 140));
    assert.equal(retry.headers.get("location"), `/v1/sessions/${first.id}`);
    assert.deepEqual(await expectJson(retry, 200), first);
    assert.equal(await count("sessions", alice, "retry-1"), 1);
    assert.equal(await count("outbox", alice, "retry-1"), 1);
  });

  await t.step("25 concurrent copies: one 201, 24 × 200, one row, one event", async () => {
    // A baseline first, so the burst's session breaks a record: it must be reported once.
    await expectJson(await log(platform, alice, body("before-burst", 100)), 201);
    const responses = await Promise.all(
      Array.from({ length: 25 }, () => log(platform, alice, body("burst-1", 120))),
    );
    const texts = await Promise.all(responses.map((response) => response.text()));
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [...Array(24).fill(200), 201], texts.join("\n"));
    const bodies = texts.map((text) => JSON.parse(text) as SessionBody);
    assert.equal(new Set(texts).size, 1, "every answer is the same session, byte for byte");
    assert.deepEqual(bodies[0].personalRecords, [
      { exerciseId: bench, kind: "max_weight", value: 120 },
      { exerciseId: bench, kind: "max_volume", value: 600 },
      { exerciseId: bench, kind: "estimated_1rm", value: 140 },
    ]);
    assert.equal(await count("sessions", alice, "burst-1"), 1);
    assert.equal(await count("outbox", alice, "burst-1"), 1);
  });

  await t.step("client ids are per member: Bob may use Alice's", async () => {
    const bobs = await expectJson<SessionBody>(await log(platform, bob, body("retry-1")), 201);
    assert.equal(bobs.clientId, "retry-1");
    assert.equal(await count("sessions", bob, "retry-1"), 1);
  });
});

platformTest("[workouts] GET /v1/sessions and /v1/sessions/:id", async (t, open) => {
  const platform = await open();
  const alice = await signUp(platform);
  const bob = await signUp(platform);
  const days = ["2026-03-01", "2026-03-03", "2026-03-03", "2026-03-07", "2026-03-09"];
  const mine: SessionBody[] = [];
  for (const [index, day] of days.entries()) {
    mine.push(
      await expectJson<SessionBody>(
        await log(platform, alice, {
          startedAt: `${day}T10:00:00Z`,
          entries: [{ exerciseId: squat, sets: [{ reps: 5, weightKg: 60 + index }] }],
        }),
        201,
      ),
    );
  }
  const bobs = await expectJson<SessionBody>(
    await log(platform, bob, {
      startedAt: "2026-03-05T10:00:00Z",
      entries: [{ exerciseId: squat, sets: [{ reps: 5 }] }],
    }),
    201,
  );
  const newestFirst = [...mine].sort((a, b) =>
    b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id)
  );
  const list = async (query: string, token = alice.accessToken) => {
    const items: SessionBody[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/sessions?${query}${cursor ? `&cursor=${cursor}` : ""}`;
      const page: Page<SessionBody> = await expectJson(
        await platform.request(url, { headers: bearer(token) }),
        200,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return items;
  };

  await t.step("lists only the caller's sessions, newest first, page by page", async () => {
    assert.deepEqual(await list("limit=2"), newestFirst);
    assert.deepEqual(await list("limit=100"), newestFirst);
    assert.deepEqual((await list("", bob.accessToken)).map((s) => s.id), [bobs.id]);
  });

  await t.step("from ≤ startedAt < to", async () => {
    const within = await list("from=2026-03-03T10:00:00Z&to=2026-03-09T10:00:00Z&limit=1");
    assert.deepEqual(
      within.map((session) => session.startedAt),
      ["2026-03-07T10:00:00.000Z", "2026-03-03T10:00:00.000Z", "2026-03-03T10:00:00.000Z"],
    );
  });

  await t.step("bad parameters are 422 on the parameter", async () => {
    const cases: [string, string][] = [
      ["from=yesterday", "from"],
      ["to=2026-02-30T00:00:00Z", "to"],
      ["from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z", "to"],
      ["limit=0", "limit"],
      ["cursor=eyJrIjoiZXgifQ", "cursor"],
      [`cursor=${btoa('{"k":"se","t":"0000-01-01T00:00:00.000000Z","i":"x"}')}`, "cursor"],
    ];
    for (const [query, pointer] of cases) {
      const problem = await expectProblem(
        await platform.request(`/v1/sessions?${query}`, { headers: bearer(alice.accessToken) }),
        422,
        "VALIDATION_FAILED",
      );
      assert.deepEqual(problem.errors?.map((error) => error.pointer), [pointer], query);
    }
    await expectProblem(await platform.request("/v1/sessions"), 401, "UNAUTHENTICATED");
  });

  await t.step("one session: the owner's only, else 404 SESSION_NOT_FOUND", async () => {
    const own = await platform.request(`/v1/sessions/${mine[0].id}`, {
      headers: bearer(alice.accessToken),
    });
    assert.deepEqual(await expectJson(own, 200), mine[0]);
    for (const path of [`/v1/sessions/${bobs.id}`, "/v1/sessions/nope"]) {
      await expectProblem(
        await platform.request(path, { headers: bearer(alice.accessToken) }),
        404,
        "SESSION_NOT_FOUND",
      );
    }
    // A NUL never reaches the worker: the edge refuses the path (shared/http/safe_path.ts).
    await expectProblem(
      await platform.request("/v1/sessions/%00", { headers: bearer(alice.accessToken) }),
      400,
      "BAD_REQUEST",
    );
  });
});
