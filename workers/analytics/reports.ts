/**
 * Reports: stored as `pending` with a `ReportRequested` event in one
 * transaction, then computed when that event comes back through the queue,
 * which stores the result and announces `ReportReady` in one transaction.
 *
 * @module
 */
import { and, eq, sql } from "drizzle-orm";
import * as v from "valibot";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { selectRows } from "../../shared/stores/postgres/rows.ts";
import { recordEvent } from "../../shared/events/outbox.ts";
import { timezoneOf } from "./queries.ts";
import { type ReportKind, type ReportParams, reportParamsSchema } from "./schema.ts";
import { ReportReady, ReportRequested } from "./contracts.ts";
import { outbox, reports } from "./tables.ts";

/** A stored report. */
export type ReportRow = typeof reports.$inferSelect;

/** A report to store as pending. */
export interface NewReport {
  id: string;
  userId: string;
  kind: ReportKind;
  params: ReportParams;
  now: Date;
}

/** Stores a pending report of `userId` and the event that will compute it. */
export async function createReport(db: Database, report: NewReport): Promise<ReportRow> {
  return await db.transaction(async (tx) => {
    const [row] = await tx.insert(reports).values({
      id: report.id,
      userId: report.userId,
      kind: report.kind,
      params: report.params,
      status: "pending",
      createdAt: report.now,
    }).returning();
    await recordEvent(
      tx,
      outbox,
      ReportRequested,
      { reportId: report.id, userId: report.userId },
      report.now,
    );
    return row;
  });
}

/** `userId`'s report `id`, or undefined (also when it is someone else's). */
export async function findReport(
  db: Database,
  userId: string,
  id: string,
): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(reports)
    .where(and(eq(reports.id, id), eq(reports.userId, userId)));
  return row;
}

/**
 * Computes pending report `reportId` inside `tx`: stores its result as
 * `ready` and writes `ReportReady` to the outbox, or stores `failed` when its
 * parameters cannot be read. A report already done, or erased, is left alone.
 */
export async function completeReport(
  tx: Database,
  reportId: string,
  now: Date,
): Promise<{ kind: ReportKind; status: "ready" | "failed" } | undefined> {
  const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for("update");
  if (!report || report.status !== "pending") return undefined;
  const params = v.safeParse(reportParamsSchema, report.params);
  if (!params.success) {
    await tx.update(reports)
      .set({ status: "failed", result: { error: "unreadable parameters" }, completedAt: now })
      .where(eq(reports.id, reportId));
    return { kind: report.kind, status: "failed" };
  }
  const result = await computeReport(tx, report.userId, report.kind, params.output);
  await tx.update(reports).set({ status: "ready", result, completedAt: now })
    .where(eq(reports.id, reportId));
  await recordEvent(
    tx,
    outbox,
    ReportReady,
    { userId: report.userId, reportId, kind: report.kind },
    now,
  );
  return { kind: report.kind, status: "ready" };
}

interface DayRow {
  date: string;
  sessions: number;
  volumeKg: number;
}

/** The result of a report of `kind` over [from, to), with days in the member's timezone. */
async function computeReport(
  db: Database,
  userId: string,
  kind: ReportKind,
  params: ReportParams,
): Promise<Record<string, unknown>> {
  const timezone = await timezoneOf(db, userId);
  const window = sql`user_id = ${userId} and started_at >= ${params.from}::timestamptz
                     and started_at < ${params.to}::timestamptz`;
  const base = { from: params.from, to: params.to, timezone };

  if (kind === "exercise_history") {
    const exerciseId = params.exerciseId ?? "";
    const sessions = await selectRows<{ sessionId: string; startedAt: string }>(
      db,
      sql`select session_id as "sessionId",
                 to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                   as "startedAt"
          from analytics.session_facts
          where ${window} and exercise_ids @> ${JSON.stringify([exerciseId])}::jsonb
          order by started_at, session_id`,
    );
    const records = await selectRows<{ kind: string; value: number; achievedAt: string }>(
      db,
      sql`select kind, value, to_char(achieved_at at time zone 'UTC',
                 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "achievedAt"
          from analytics.record_facts
          where user_id = ${userId} and exercise_id = ${exerciseId} order by kind`,
    );
    return { ...base, exerciseId, sessions, personalRecords: records };
  }

  const days = await selectRows<DayRow>(
    db,
    sql`select to_char(started_at at time zone ${timezone}, 'YYYY-MM-DD') as "date",
               count(*)::int as "sessions", coalesce(sum(volume_kg), 0)::float8 as "volumeKg"
        from analytics.session_facts where ${window} group by 1 order by 1`,
  );
  const sessions = days.reduce((sum, day) => sum + day.sessions, 0);
  const volumeKg = days.reduce((sum, day) => sum + day.volumeKg, 0);
  if (kind === "volume") return { ...base, sessions, volumeKg, byDay: days };

  const records = await selectRows<{ exerciseId: string; kind: string; value: number }>(
    db,
    sql`select exercise_id as "exerciseId", kind, value
        from analytics.record_facts
        where user_id = ${userId} and achieved_at >= ${params.from}::timestamptz
          and achieved_at < ${params.to}::timestamptz
        order by exercise_id, kind`,
  );
  return { ...base, sessions, volumeKg, activeDays: days.length, personalRecords: records };
}
