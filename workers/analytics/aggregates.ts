/**
 * The summary's running aggregates (./tables.ts: summary_totals,
 * weekly_totals, active_runs), kept inside the consumer's transaction so a
 * summary costs the same after five years as after one week. Each write
 * first locks the member's totals row, so a member's updates apply one at a
 * time; a session is applied only when its fact was new (a redelivery or a
 * republished event changes nothing), and runs merge in any arrival order.
 * Days and weeks are the member's local ones: a timezone change rebuilds
 * that member's aggregates from their facts, once.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { selectRows } from "../../shared/stores/postgres/rows.ts";
import { addDays, localDate, weekStartOf } from "./calendar.ts";
import { timezoneOf } from "./queries.ts";

/** Takes the member's totals row (created empty if new) until the transaction ends. */
async function lockTotals(tx: Database, userId: string) {
  await tx.execute(sql`
    insert into analytics.summary_totals (user_id) values (${userId})
    on conflict (user_id) do update set sessions = analytics.summary_totals.sessions`);
}

/**
 * Adds a session that was not counted yet to its member's aggregates, in four
 * statements: the totals (which takes the member's lock), the timezone, the
 * week with the runs near the day, and (for a day not counted yet) the runs.
 */
export async function applySession(
  tx: Database,
  session: { userId: string; startedAt: Date; volumeKg: number },
) {
  const { userId, volumeKg } = session;
  // Counting the session takes the member's totals row, as lockTotals does.
  await tx.execute(sql`
    insert into analytics.summary_totals (user_id, sessions, volume_kg)
    values (${userId}, 1, ${volumeKg}::float8)
    on conflict (user_id) do update set
      sessions = analytics.summary_totals.sessions + 1,
      volume_kg = analytics.summary_totals.volume_kg + excluded.volume_kg`);
  // Read after the lock: a concurrent timezone rebuild has committed by now.
  const day = localDate(session.startedAt, await timezoneOf(tx, userId));
  // The week's totals, and in the same statement the runs that touch the day or its neighbours
  // (Postgres runs a data-modifying WITH to completion whether or not the query reads it).
  const near = await selectRows<{ start: string; end: string }>(
    tx,
    sql`with week as (
          insert into analytics.weekly_totals (user_id, week_start, sessions, volume_kg)
          values (${userId}, ${weekStartOf(day)}::date, 1, ${volumeKg}::float8)
          on conflict (user_id, week_start) do update set
            sessions = analytics.weekly_totals.sessions + 1,
            volume_kg = analytics.weekly_totals.volume_kg + excluded.volume_kg)
        select to_char(start_day, 'YYYY-MM-DD') as "start", to_char(end_day, 'YYYY-MM-DD') as "end"
        from analytics.active_runs
        where user_id = ${userId} and end_day >= ${addDays(day, -1)}::date
          and start_day <= ${addDays(day, 1)}::date`,
  );
  await addActiveDay(tx, userId, day, near);
}

/** Joins `day` to the runs of consecutive days `near` it: extends, bridges or starts one. */
async function addActiveDay(
  tx: Database,
  userId: string,
  day: string,
  near: readonly { start: string; end: string }[],
) {
  if (near.some((run) => run.start <= day && day <= run.end)) return; // a day already counted
  const start = [day, ...near.map((run) => run.start)].sort()[0];
  const end = [day, ...near.map((run) => run.end)].sort().at(-1)!;
  await tx.execute(sql`
    delete from analytics.active_runs
    where user_id = ${userId} and start_day >= ${start}::date and start_day <= ${end}::date`);
  await tx.execute(sql`
    insert into analytics.active_runs (user_id, start_day, end_day)
    values (${userId}, ${start}::date, ${end}::date)`);
  await tx.execute(sql`
    update analytics.summary_totals
    set longest_streak_days = greatest(longest_streak_days, ${end}::date - ${start}::date + 1)
    where user_id = ${userId}`);
}

/**
 * Recomputes `userId`'s aggregates from their session facts in `timezone`
 * (after a timezone change). db/migrations/analytics/0003_summary_backfill.sql
 * is the same computation for every member, run once at deploy.
 */
export async function rebuildAggregates(tx: Database, userId: string, timezone: string) {
  await lockTotals(tx, userId);
  await tx.execute(sql`delete from analytics.weekly_totals where user_id = ${userId}`);
  await tx.execute(sql`delete from analytics.active_runs where user_id = ${userId}`);
  await tx.execute(sql`
    insert into analytics.weekly_totals (user_id, week_start, sessions, volume_kg)
    select user_id, date_trunc('week', started_at at time zone ${timezone})::date,
           count(*)::int, sum(volume_kg)
    from analytics.session_facts where user_id = ${userId} group by 1, 2`);
  // Gaps and islands: consecutive days share (day - its rank).
  await tx.execute(sql`
    insert into analytics.active_runs (user_id, start_day, end_day)
    select user_id, min(day), max(day)
    from (select user_id, day, day - (row_number() over (order by day))::int as island
          from (select distinct user_id, (started_at at time zone ${timezone})::date as day
                from analytics.session_facts where user_id = ${userId}) as days) as ranked
    group by user_id, island`);
  await tx.execute(sql`
    update analytics.summary_totals set
      sessions = (select count(*)::int from analytics.session_facts where user_id = ${userId}),
      volume_kg = (select coalesce(sum(volume_kg), 0) from analytics.session_facts
                   where user_id = ${userId}),
      longest_streak_days = (select coalesce(max(end_day - start_day + 1), 0)
                             from analytics.active_runs where user_id = ${userId})
    where user_id = ${userId}`);
}

/** Removes `userId`'s aggregates (erasure). */
export async function eraseAggregates(tx: Database, userId: string) {
  await tx.execute(sql`delete from analytics.active_runs where user_id = ${userId}`);
  await tx.execute(sql`delete from analytics.weekly_totals where user_id = ${userId}`);
  await tx.execute(sql`delete from analytics.summary_totals where user_id = ${userId}`);
}
