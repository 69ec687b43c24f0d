/**
 * The analytics use cases: a member's summary, their reports, and the admin
 * overview. No HTTP here; routes translate.
 *
 * @module
 */
import { Problem } from "../../shared/http/problem.ts";
import { isPathId } from "../../shared/http/path_id.ts";
import { analyticsProblems } from "./problems.ts";
import { currentStreak, fillSeries, localDate, recentDates, recentWeekStarts } from "./calendar.ts";
import type { ReportRow } from "./reports.ts";
import type { AnalyticsRepository } from "./repository.ts";
import type { OverviewBody, ReportBody, ReportRequest, SummaryBody } from "./schema.ts";

/** Weeks in the summary, the current one included. */
const summaryWeeks = 12;
/** Days in the admin overview, today (UTC) included. */
const overviewDays = 30;

/** What the service needs. */
export interface AnalyticsServiceOptions {
  repository: AnalyticsRepository;
  now: () => Date;
  /** Counts a report requested by a member. */
  reportRequested?: (kind: string) => void;
}

function reportBody(row: ReportRow): ReportBody {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    result: row.result ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/** The analytics use cases over `repository`. */
export function createAnalyticsService(
  { repository, now, reportRequested }: AnalyticsServiceOptions,
) {
  return {
    async summary(userId: string): Promise<SummaryBody> {
      const timezone = await repository.timezoneOf(userId);
      const today = localDate(now(), timezone);
      const weekStarts = recentWeekStarts(today, summaryWeeks);
      const [totals, weekly, records] = [
        await repository.totals(userId, today),
        await repository.weekly(userId, { firstWeek: weekStarts[0], weeks: summaryWeeks }),
        await repository.records(userId),
      ];
      return {
        totalSessions: totals.sessions,
        totalVolumeKg: totals.volumeKg,
        currentStreakDays: currentStreak(totals.currentRun, today),
        longestStreakDays: totals.longestStreakDays,
        personalRecords: records,
        weekly: fillSeries(
          weekStarts,
          new Map([...weekly].map(([week, t]) => [week, { weekStart: week, ...t }])),
          (weekStart) => ({ weekStart, sessions: 0, volumeKg: 0 }),
        ),
      };
    },

    async requestReport(userId: string, request: ReportRequest): Promise<ReportBody> {
      const row = await repository.createReport({
        id: crypto.randomUUID(),
        userId,
        kind: request.kind,
        params: {
          from: request.from.toISOString(),
          to: request.to.toISOString(),
          ...(request.exerciseId === undefined ? {} : { exerciseId: request.exerciseId }),
        },
        now: now(),
      });
      reportRequested?.(row.kind);
      return reportBody(row);
    },

    async getReport(userId: string, id: string): Promise<ReportBody> {
      const row = isPathId(id) ? await repository.findReport(userId, id) : undefined;
      if (!row) throw new Problem(analyticsProblems.REPORT_NOT_FOUND, "No report with this id.");
      return reportBody(row);
    },

    async overview(): Promise<OverviewBody> {
      const at = now();
      const dates = recentDates(at.toISOString().slice(0, 10), overviewDays);
      const facts = await repository.overview(at, new Date(`${dates[0]}T00:00:00Z`));
      const counts = (found: Map<string, number>) =>
        fillSeries(
          dates,
          new Map([...found].map(([date, count]) => [date, { date, count }])),
          (date) => ({ date, count: 0 }),
        );
      return {
        users: facts.users,
        signupsByDay: counts(facts.signups),
        sessionsByDay: counts(facts.sessions),
        revenueByDay: facts.revenue.map((row) => ({
          date: row.date,
          amountCents: Math.round(row.amountCents),
          currency: row.currency,
        })),
        payingUsers: facts.payingUsers,
      };
    },
  };
}

/** The analytics use cases. */
export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
