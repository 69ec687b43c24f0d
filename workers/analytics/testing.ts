/**
 * What suites need to test with the analytics worker (tests/analytics_*,
 * ./revenue_test.ts): the worker alone on the shared worker harness, event
 * payloads, and the tables they seed or read.
 *
 * @module
 */
import type { SQL } from "drizzle-orm";
import type { StoresConfig } from "../../shared/runtime/stores.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { selectRows } from "../../shared/stores/postgres/rows.ts";
import {
  openWorkerHarness,
  type WorkerHarness,
  workerTest,
} from "../../shared/testing/worker_harness.ts";
import { createAnalyticsWorker } from "./mod.ts";
import { recordSession, type SessionFact } from "./facts.ts";

export type { OverviewBody, ReportBody, SummaryBody } from "./schema.ts";
/** The calendar the summary's oracle (the computation from all facts) uses. */
export { localDate, recentWeekStarts, streaks } from "./calendar.ts";
/** The tables suites seed or inspect directly (revenue facts, reports). */
export { reports, revenueFacts } from "./tables.ts";

/** The suites' "now": a Tuesday, midday UTC. */
export const fixtureNow = new Date("2026-03-10T12:00:00.000Z");

/** The worker alone (see shared/testing/worker_harness.ts) and its helpers. */
export interface AnalyticsFixture extends WorkerHarness<ReturnType<typeof createAnalyticsWorker>> {
  /** A request with `token` as bearer and `body` as JSON. */
  call(method: string, path: string, token: string, body?: unknown): Promise<Response>;
  /** Rows of a raw query. */
  rows<T>(query: SQL): Promise<T[]>;
  db: Database;
}

/** The analytics worker alone on `stores`, its clock at `fixtureNow`. */
export async function openAnalytics(stores: StoresConfig): Promise<AnalyticsFixture> {
  const harness = await openWorkerHarness({
    name: "analytics",
    stores,
    startAt: fixtureNow,
    create: (deps) => createAnalyticsWorker(deps),
  });
  const db = harness.stores.postgres.db;
  return Object.assign(harness, {
    call: (method: string, path: string, token: string, body?: unknown) =>
      harness.request(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    rows: <T>(query: SQL) => selectRows<T>(db, query),
    db,
  });
}

/** Registers `suite` on every store variant, with a fresh analytics worker. */
export function analyticsTest(
  name: string,
  suite: (t: Deno.TestContext, fx: AnalyticsFixture) => Promise<void>,
): void {
  workerTest(name, openAnalytics, suite);
}

/** A `SessionLogged` payload with defaults. */
export function sessionLogged(
  userId: string,
  sessionId: string,
  startedAt: string,
  more: { volumeKg?: number; exerciseIds?: string[]; personalRecords?: unknown[] } = {},
) {
  return {
    type: "SessionLogged",
    payload: {
      sessionId,
      userId,
      clientId: `client-${sessionId}`,
      startedAt,
      endedAt: null,
      volumeKg: more.volumeKg ?? 0,
      personalRecords: more.personalRecords ?? [],
      exerciseIds: more.exerciseIds ?? ["barbell-back-squat"],
    },
  };
}

/** A `UserRegistered` payload. */
export function userRegistered(userId: string, registeredAt: string) {
  return {
    type: "UserRegistered",
    payload: {
      userId,
      email: `${userId}@example.com`,
      displayName: `Member ${userId}`,
      registeredAt,
    },
  };
}

/** Asserts a delivery was accepted (204). */
export async function accepted(response: Promise<Response>): Promise<void> {
  const answer = await response;
  const text = await answer.text();
  if (answer.status !== 204) {
    throw new Error(`Cannot deliver: expected 204, got ${answer.status}: ${text}`);
  }
}

/**
 * Adds `facts` to analytics in one transaction by the SessionLogged
 * consumer's own write (./facts.ts): a long history, fast, for the bench.
 */
export async function recordSessionFacts(db: Database, facts: SessionFact[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const fact of facts) await recordSession(tx, fact);
  });
}
