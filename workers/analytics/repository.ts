/**
 * What analytics stores and reads, behind one interface: the service takes
 * this, never the database. The SQL lives in ./queries.ts (summary and
 * overview aggregates) and ./reports.ts (stored reports); the event writes,
 * which run inside the consumer's transaction, in ./facts.ts.
 *
 * @module
 */
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  type OverviewFacts,
  overviewOf,
  type PeriodTotals,
  recordsOf,
  type SummaryTotals,
  timezoneOf,
  totalsOf,
  weeklyOf,
} from "./queries.ts";
import { createReport, findReport, type NewReport, type ReportRow } from "./reports.ts";
import type { RecordBody } from "./schema.ts";

/** The reads and writes of the analytics use cases. */
export interface AnalyticsRepository {
  /** The member's timezone as analytics knows it; UTC when unknown or not a valid zone. */
  timezoneOf(userId: string): Promise<string>;
  /** The member's all-time totals and the run of days touching `today` or yesterday. */
  totals(userId: string, today: string): Promise<SummaryTotals>;
  /** Sessions and volume per local week, keyed by the week's Monday; empty weeks absent. */
  weekly(
    userId: string,
    options: { firstWeek: string; weeks: number },
  ): Promise<Map<string, PeriodTotals>>;
  /** The member's personal records, by exercise then kind. */
  records(userId: string): Promise<RecordBody[]>;
  /** The admin overview's figures at `now`, with daily series from `since` on. */
  overview(now: Date, since: Date): Promise<OverviewFacts>;
  /** Stores a pending report and the event that will compute it, in one transaction. */
  createReport(report: NewReport): Promise<ReportRow>;
  /** The member's report `id`, or undefined (also when it is someone else's). */
  findReport(userId: string, id: string): Promise<ReportRow | undefined>;
}

/** The repository over `db`. */
export function createAnalyticsRepository(db: Database): AnalyticsRepository {
  return {
    timezoneOf: (userId) => timezoneOf(db, userId),
    totals: (userId, today) => totalsOf(db, userId, today),
    weekly: (userId, options) => weeklyOf(db, userId, options),
    records: (userId) => recordsOf(db, userId),
    overview: (now, since) => overviewOf(db, now, since),
    createReport: (report) => createReport(db, report),
    findReport: (userId, id) => findReport(db, userId, id),
  };
}
