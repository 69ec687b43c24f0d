/**
 * `/`: streak, this week's volume, the weekly-volume chart (loaded on demand), recent sessions
 * and recent personal records. Shown whole once both queries answered: a part that arrived
 * first would be pushed down by the rest (layout shift).
 *
 * @module
 */
import { useI18n } from "../app/i18n.tsx";
import { exerciseName } from "../app/exercise_name.ts";
import { useQuery } from "../api/use_query.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../components/Feedback.tsx";
import { WeeklyVolumeChart } from "../components/WeeklyVolumeChart.tsx";
import { RecordValue } from "../components/RecordValue.tsx";
import {
  DashboardSessionsDocument,
  type DashboardSessionsQuery,
  DashboardSummaryDocument,
} from "../graphql/operations.generated.ts";

function RecentSessions(
  { items }: { items: DashboardSessionsQuery["sessions"]["items"] },
) {
  const { t, weight, dateTime } = useI18n();
  return (
    <section aria-labelledby="recent-sessions">
      <h2 id="recent-sessions">{t("dashboard.recentSessions")}</h2>
      {items.length === 0 && <p>{t("dashboard.noSessions")}</p>}
      <ul className="list">
        {items.map((session) => (
          <li key={session.id}>
            <strong>{dateTime(session.startedAt)}</strong>{" "}
            <span>
              {session.entries.map((entry) => exerciseName(entry.exerciseId)).join(", ")}
            </span>{" "}
            <span className="meta">{weight(session.volumeKg)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `/` */
export function DashboardScreen() {
  const { t, weight, date } = useI18n();
  const summary = useQuery(DashboardSummaryDocument, {});
  const recent = useQuery(DashboardSessionsDocument, { limit: 5 });
  const data = summary.data?.analyticsSummary;
  const sessions = recent.data?.sessions.items;
  const thisWeek = data?.weekly.at(-1);
  const records = [...(data?.personalRecords ?? [])]
    .sort((a, b) => (b.achievedAt ?? "").localeCompare(a.achievedAt ?? ""))
    .slice(0, 5);
  return (
    <section>
      <ScreenTitle>{t("dashboard.title")}</ScreenTitle>
      {(summary.loading || recent.loading) && <Loading />}
      {(summary.error || recent.error) && (
        <ErrorRetry
          onRetry={() => {
            if (summary.error) summary.retry();
            if (recent.error) recent.retry();
          }}
        />
      )}
      {data && sessions && (
        <>
          <ul className="stats">
            <li>{t("dashboard.streak", { count: data.currentStreakDays })}</li>
            <li>{t("dashboard.weekVolume", { volume: weight(thisWeek?.volumeKg ?? 0) })}</li>
            <li>{t("dashboard.sessions", { count: data.totalSessions })}</li>
          </ul>
          <WeeklyVolumeChart weeks={data.weekly} />
          <section aria-labelledby="recent-records">
            <h2 id="recent-records">{t("dashboard.recentRecords")}</h2>
            {records.length === 0 && <p>{t("dashboard.noRecords")}</p>}
            <ul className="list">
              {records.map((record) => (
                <li key={`${record.exerciseId}-${record.kind}`}>
                  <strong>{exerciseName(record.exerciseId)}</strong>{" "}
                  <RecordValue kind={record.kind} value={record.value} />{" "}
                  {record.achievedAt && <span className="meta">{date(record.achievedAt)}</span>}
                </li>
              ))}
            </ul>
          </section>
          <RecentSessions items={sessions} />
        </>
      )}
    </section>
  );
}
