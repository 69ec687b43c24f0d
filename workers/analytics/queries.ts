/**
 * The analytics reads: a member's summary figures and the admin overview,
 * aggregated in SQL. The summary reads the running aggregates kept by the
 * consumer (./aggregates.ts), a bounded number of rows whatever the history;
 * the caller turns them into streaks and complete series (./calendar.ts).
 *
 * @module
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { selectRows } from "../../shared/stores/postgres/rows.ts";
import { addDays, isTimeZone } from "./calendar.ts";
import type { RecordBody } from "./schema.ts";
import { members, recordFacts } from "./tables.ts";

/** `date` as an RFC 3339 UTC parameter (`::timestamptz`), the same on every driver. */
function instantParam(date: Date): string {
  return date.toISOString();
}

/** Sessions and volume of one period. */
export interface PeriodTotals {
  sessions: number;
  volumeKg: number;
}

/** The member's timezone as analytics knows it; UTC when unknown or not a valid zone. */
export async function timezoneOf(db: Database, userId: string): Promise<string> {
  const [row] = await db.select({ timezone: members.timezone }).from(members)
    .where(eq(members.userId, userId));
  return row && isTimeZone(row.timezone) ? row.timezone : "UTC";
}

/** A member's all-time totals and the run of days that makes their current streak. */
export interface SummaryTotals extends PeriodTotals {
  longestStreakDays: number;
  /** The run of consecutive active days that includes `today` or the day before, if any. */
  currentRun?: { start: string; end: string };
}

/**
 * `userId`'s totals from the running aggregates (./aggregates.ts): one row,
 * and the one run touching `today` or yesterday, found by index.
 */
export async function totalsOf(
  db: Database,
  userId: string,
  today: string,
): Promise<SummaryTotals> {
  const [row] = await selectRows<
    PeriodTotals & { longestStreakDays: number; start: string | null; end: string | null }
  >(
    db,
    sql`select coalesce(t.sessions, 0)::int as "sessions",
               coalesce(t.volume_kg, 0)::float8 as "volumeKg",
               coalesce(t.longest_streak_days, 0)::int as "longestStreakDays",
               to_char(r.start_day, 'YYYY-MM-DD') as "start",
               to_char(r.end_day, 'YYYY-MM-DD') as "end"
        from (select ${userId}::text as user_id) as member
        left join analytics.summary_totals t on t.user_id = member.user_id
        left join lateral (
          select start_day, end_day from analytics.active_runs
          where user_id = member.user_id and end_day >= ${addDays(today, -1)}::date
            and start_day <= ${today}::date
          order by end_day limit 1
        ) as r on true`,
  );
  const { start, end, ...totals } = row;
  return start && end ? { ...totals, currentRun: { start, end } } : totals;
}

/**
 * Sessions and volume per local week (Monday first) from the week of
 * `firstWeek` for `weeks` weeks, keyed by the week's Monday; empty weeks absent.
 */
export async function weeklyOf(
  db: Database,
  userId: string,
  options: { firstWeek: string; weeks: number },
): Promise<Map<string, PeriodTotals>> {
  const { firstWeek, weeks } = options;
  const rows = await selectRows<PeriodTotals & { week: string }>(
    db,
    sql`select to_char(week_start, 'YYYY-MM-DD') as "week", sessions,
               volume_kg::float8 as "volumeKg"
        from analytics.weekly_totals
        where user_id = ${userId} and week_start >= ${firstWeek}::date
          and week_start < ${addDays(firstWeek, 7 * weeks)}::date`,
  );
  return new Map(rows.map(({ week, ...totals }) => [week, totals]));
}

/** `userId`'s personal records, by exercise then kind. */
export async function recordsOf(
  db: Database,
  userId: string,
  exerciseId?: string,
): Promise<RecordBody[]> {
  const rows = await db.select().from(recordFacts)
    .where(
      exerciseId === undefined
        ? eq(recordFacts.userId, userId)
        : sql`${recordFacts.userId} = ${userId} and ${recordFacts.exerciseId} = ${exerciseId}`,
    )
    .orderBy(asc(recordFacts.exerciseId), asc(recordFacts.kind));
  return rows.map((row) => ({
    exerciseId: row.exerciseId,
    kind: row.kind,
    value: row.value,
    achievedAt: row.achievedAt.toISOString(),
  }));
}

/** Platform-wide figures since `since` (UTC days), for the admin overview. */
export interface OverviewFacts {
  users: { total: number; active1d: number; active7d: number; active30d: number };
  signups: Map<string, number>;
  sessions: Map<string, number>;
  /** Net per UTC day and currency: payments that day minus refunds made that day. */
  revenue: { date: string; currency: string; amountCents: number }[];
  /** Members (not erased) with a payment that succeeded in the window. */
  payingUsers: number;
}

/** The overview's figures at `now`, with daily series from `since` (a UTC midnight) on. */
export async function overviewOf(db: Database, now: Date, since: Date): Promise<OverviewFacts> {
  const ago = (days: number) => instantParam(new Date(now.getTime() - days * 24 * 3600_000));
  const at = instantParam(now);
  const from = instantParam(since);
  const [users] = await selectRows<OverviewFacts["users"]>(
    db,
    sql`select (select count(*)::int from analytics.members) as "total",
               count(distinct user_id) filter (where started_at >= ${ago(1)}::timestamptz)::int
                 as "active1d",
               count(distinct user_id) filter (where started_at >= ${ago(7)}::timestamptz)::int
                 as "active7d",
               count(distinct user_id)::int as "active30d"
        from analytics.session_facts
        where started_at >= ${ago(30)}::timestamptz and started_at <= ${at}::timestamptz`,
  );
  const daily = async (table: string, column: string) => {
    const rows = await selectRows<{ date: string; count: number }>(
      db,
      sql`select to_char(${sql.identifier(column)} at time zone 'UTC', 'YYYY-MM-DD') as "date",
                 count(*)::int as "count"
          from ${sql.identifier("analytics")}.${sql.identifier(table)}
          where ${sql.identifier(column)} >= ${from}::timestamptz
            and ${sql.identifier(column)} <= ${at}::timestamptz
          group by 1`,
    );
    return new Map(rows.map((row) => [row.date, row.count]));
  };
  const revenue = await selectRows<{ date: string; currency: string; amountCents: number }>(
    db,
    sql`select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD') as "date", currency,
               sum(amount_cents)::float8 as "amountCents"
        from analytics.revenue_facts
        where occurred_at >= ${from}::timestamptz and occurred_at <= ${at}::timestamptz
        group by 1, 2 order by 1, 2`,
  );
  const [paying] = await selectRows<{ n: number }>(
    db,
    sql`select count(distinct user_id)::int as "n" from analytics.revenue_facts
        where kind = 'payment'
          and occurred_at >= ${from}::timestamptz and occurred_at <= ${at}::timestamptz`,
  );
  return {
    users,
    signups: await daily("members", "registered_at"),
    sessions: await daily("session_facts", "started_at"),
    revenue,
    payingUsers: paying.n,
  };
}
