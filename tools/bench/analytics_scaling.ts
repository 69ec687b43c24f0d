/**
 * The cost of a member's history for `deno task bench` (issue 16): the
 * median latency of `GET /v1/analytics/summary` for a member with few
 * sessions and for one with thousands, and the same for the session page and
 * `/v1/me` as references that never grew. The ratio large/small should stay
 * near 1: the summary reads running aggregates, not the history.
 *
 * It runs its own platform in this process (the embedded composition on
 * in-memory stores, as tests/support/platform.ts builds it). The latest 10 sessions are
 * logged through `POST /v1/sessions` and reach analytics by the real event
 * path; older ones are written directly, as the workouts worker stores them
 * and by the analytics consumer's own write (`recordSessionFacts`), since
 * thousands of POSTs take minutes on a loaded machine.
 *
 * @module
 */
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import { openPlatformStores, type PlatformStores } from "../../shared/runtime/stores.ts";
import { createPasswordHasher } from "../../workers/auth/testing.ts";
import { composeEmbedded } from "../../workers/compose.ts";
import { recordSessionFacts } from "../../workers/analytics/testing.ts";
import { sessions } from "../../workers/workouts/testing.ts";

/** Median latencies of one member's reads, in ms. */
export interface HistoryPoint {
  sessions: number;
  summaryMs: number;
  sessionPageMs: number;
  meMs: number;
}

/** The curve, and the summary's large/small latency ratio (≈ 1: flat). */
export interface AnalyticsScaling {
  points: HistoryPoint[];
  /** Summary median at the largest history over the smallest. */
  summaryRatio: number;
  calls: number;
  warmups: number;
}

const dayMs = 24 * 3600_000;
const set = { reps: 5, weightKg: 100, rpe: 8 };

/** The embedded platform in this process, asked without sockets. */
interface BenchPlatform {
  stores: PlatformStores;
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

async function openPlatform(): Promise<BenchPlatform> {
  const log = createLogger({ level: "error", sink: memorySink() });
  const stores = await openPlatformStores({}, log);
  const hasher = createPasswordHasher({ workers: 0 });
  const platform = composeEmbedded({
    stores,
    log,
    internalSecret: randomSecret(),
    hasher,
    events: { kv: await Deno.openKv(":memory:"), signingKey: randomSecret() },
  });
  const stopRelays = platform.events.start(50);
  return {
    stores,
    request: (path, init) =>
      Promise.resolve(platform.app.fetch(new Request(new URL(path, "http://localhost"), init), {
        remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 40_000 },
      })),
    async close() {
      stopRelays();
      await platform.events.close();
      hasher.close();
      await stores.close();
    },
  };
}

async function ok(response: Response, status: number, what: string) {
  if (response.status !== status) {
    throw new Error(`Cannot ${what}: got ${response.status} ${await response.text()}`);
  }
  return await response.json();
}

/** A member with `count` sessions on past days (some days twice), all counted by analytics. */
async function memberWith(platform: BenchPlatform, count: number): Promise<string> {
  const registered = await ok(
    await platform.request("/v1/auth/register", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `history-${count}-${crypto.randomUUID()}@example.com`,
        password: "bench password 1234",
        displayName: "History",
      }),
    }),
    201,
    "register a bench member",
  );
  const headers = {
    authorization: `Bearer ${registered.accessToken}`,
    "content-type": "application/json",
  };
  const today = Date.parse(new Date().toISOString().slice(0, 10) + "T07:00:00Z");
  // Most days once, every tenth day twice: streaks, gaps and same-day sessions.
  const startOf = (i: number) =>
    new Date(today - Math.floor(i * 1.1) * dayMs - (i % 10 === 0 ? 3600_000 : 0));
  // The latest few go the whole way: POST, outbox, queue, the analytics consumer.
  const logged = Math.min(count, 10);
  for (let i = 0; i < logged; i++) {
    await ok(
      await platform.request("/v1/sessions", {
        method: "POST",
        headers,
        body: JSON.stringify({
          startedAt: startOf(i).toISOString(),
          endedAt: new Date(startOf(i).getTime() + 3600_000).toISOString(),
          entries: [{ exerciseId: "barbell-back-squat", sets: [set, set, set] }],
        }),
      }),
      201,
      "log a bench session",
    );
  }
  // The older history is written as each worker would have stored it: the
  // session rows, and analytics' facts by its consumer's own write.
  const me = await ok(await platform.request("/v1/me", { headers }), 200, "read /v1/me");
  const userId = me.id as string;
  const db = platform.stores.postgres.db;
  for (let from = logged; from < count; from += 500) {
    const older = Array.from({ length: Math.min(500, count - from) }, (_, k) => {
      const i = from + k;
      return { id: `bench-${userId}-${i}`, startedAt: startOf(i) };
    });
    await db.insert(sessions).values(older.map(({ id, startedAt }) => ({
      id,
      userId,
      clientId: id,
      startedAt,
      endedAt: new Date(startedAt.getTime() + 3600_000),
      entries: [{ exerciseId: "barbell-back-squat", sets: [set, set, set] }],
      volumeKg: 1500,
      personalRecords: [],
    })));
    await recordSessionFacts(
      db,
      older.map(({ id, startedAt }) => ({
        sessionId: id,
        userId,
        startedAt,
        volumeKg: 1500,
        exerciseIds: ["barbell-back-squat"],
        personalRecords: [],
      })),
    );
  }
  // Wait for the consumer: the summary counts every session once it caught up.
  for (const started = Date.now(); Date.now() - started < 120_000;) {
    const summary = await ok(
      await platform.request("/v1/analytics/summary", { headers }),
      200,
      "read the summary",
    );
    if (summary.totalSessions === count) return registered.accessToken;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Cannot seed: analytics did not count ${count} sessions in 2 minutes`);
}

async function medianMs(
  platform: BenchPlatform,
  path: string,
  token: string,
  { calls, warmups }: { calls: number; warmups: number },
): Promise<number> {
  const headers = { authorization: `Bearer ${token}` };
  const times: number[] = [];
  for (let i = 0; i < warmups + calls; i++) {
    const started = performance.now();
    await ok(await platform.request(path, { headers }), 200, `GET ${path}`);
    if (i >= warmups) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The curve at `sizes` sessions (median of `calls` after `warmups`, as in issue 16). */
export async function measureAnalyticsScaling(
  { sizes = [10, 3000], calls = 21, warmups = 10 } = {},
): Promise<AnalyticsScaling> {
  const platform = await openPlatform();
  try {
    const points: HistoryPoint[] = [];
    // Every member first, then every measurement: the same warm process for each.
    const tokens: string[] = [];
    for (const sessions of sizes) tokens.push(await memberWith(platform, sessions));
    for (const [i, sessions] of sizes.entries()) {
      const token = tokens[i];
      const timing = { calls, warmups };
      points.push({
        sessions,
        summaryMs: await medianMs(platform, "/v1/analytics/summary", token, timing),
        // A page every member fills (the smallest history has 10 sessions): a longer page for
        // the longer history would measure the page's size, not the history's.
        sessionPageMs: await medianMs(platform, "/v1/sessions?limit=10", token, timing),
        meMs: await medianMs(platform, "/v1/me", token, timing),
      });
    }
    const summaryRatio = points.at(-1)!.summaryMs / points[0].summaryMs;
    return { points, summaryRatio, calls, warmups };
  } finally {
    await platform.close();
  }
}

/**
 * The curve for `deno task bench`, added to `resultsDir`'s latest.json
 * (`analyticsScaling`) and latest.md; its Markdown, or why it could not run.
 */
export async function benchHistoryCost(
  resultsDir: URL,
  log: (message: string) => void,
): Promise<string> {
  log("history: summary, session page and /v1/me at 10 and 3,000 sessions");
  try {
    const scaling = await measureAnalyticsScaling();
    const json = new URL("latest.json", resultsDir);
    const report = JSON.parse(await Deno.readTextFile(json));
    await Deno.writeTextFile(
      json,
      JSON.stringify({ ...report, analyticsScaling: scaling }, null, 2),
    );
    const markdown = renderAnalyticsScaling(scaling);
    await Deno.writeTextFile(new URL("latest.md", resultsDir), `\n${markdown}\n`, { append: true });
    return markdown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`history: not measured: ${reason}`);
    return `History cost not measured: ${reason}`;
  }
}

/** The curve as a Markdown section. */
export function renderAnalyticsScaling(scaling: AnalyticsScaling): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    "### Cost that grows with history",
    "",
    `Median of ${scaling.calls} calls after ${scaling.warmups} warm-ups, in-process ` +
    `embedded platform. Summary ${scaling.points.at(-1)!.sessions} / ` +
    `${scaling.points[0].sessions} sessions: **${scaling.summaryRatio.toFixed(2)}** ` +
    "(target ≈ 1.0, flat).",
    "",
    "| sessions logged | summary | session page (10 rows) | `/v1/me` |",
    "| --- | --- | --- | --- |",
    ...scaling.points.map((p) =>
      `| ${p.sessions.toLocaleString("en-US")} | ${ms(p.summaryMs)} | ` +
      `${ms(p.sessionPageMs)} | ${ms(p.meMs)} |`
    ),
  ].join("\n");
}

if (import.meta.main) {
  const sizes = Deno.args.length > 0 ? Deno.args.map(Number) : undefined;
  console.log(renderAnalyticsScaling(await measureAnalyticsScaling({ sizes })));
}
