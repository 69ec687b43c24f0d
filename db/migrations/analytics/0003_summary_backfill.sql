-- Backfill of the summary's running aggregates from the session facts already
-- stored (once, at deploy; the consumer keeps them from then on). The same
-- computation as rebuildAggregates in workers/analytics/aggregates.ts, for
-- every member, in their timezone (UTC when unknown or not a zone Postgres knows).
CREATE TEMPORARY TABLE "summary_backfill_days" ON COMMIT DROP AS
SELECT f.user_id, f.started_at, f.volume_kg,
       (f.started_at AT TIME ZONE z.zone)::date AS day
FROM "analytics"."session_facts" f
LEFT JOIN "analytics"."members" m ON m.user_id = f.user_id
CROSS JOIN LATERAL (
  SELECT CASE WHEN m.timezone IN (SELECT name FROM pg_timezone_names) THEN m.timezone
              ELSE 'UTC' END AS zone
) z;
--> statement-breakpoint
INSERT INTO "analytics"."weekly_totals" (user_id, week_start, sessions, volume_kg)
SELECT user_id, date_trunc('week', day)::date, count(*)::int, sum(volume_kg)
FROM summary_backfill_days GROUP BY 1, 2
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "analytics"."active_runs" (user_id, start_day, end_day)
SELECT user_id, min(day), max(day)
FROM (SELECT user_id, day,
             day - (row_number() OVER (PARTITION BY user_id ORDER BY day))::int AS island
      FROM (SELECT DISTINCT user_id, day FROM summary_backfill_days) AS days) AS ranked
GROUP BY user_id, island
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "analytics"."summary_totals" (user_id, sessions, volume_kg, longest_streak_days)
SELECT d.user_id, count(*)::int, sum(d.volume_kg),
       (SELECT max(end_day - start_day + 1) FROM "analytics"."active_runs" r
        WHERE r.user_id = d.user_id)
FROM summary_backfill_days d GROUP BY d.user_id
ON CONFLICT DO NOTHING;
