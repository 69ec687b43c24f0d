import { useI18n } from "../app/i18n.tsx";
import { useQuery } from "../api/use_query.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../components/Feedback.tsx";
import { DashboardSummaryDocument } from "../graphql/operations.generated.ts";

/** `/`: streak and this week's volume (chart and recent sessions come next). */
export function DashboardScreen() {
  const { t, weight } = useI18n();
  const summary = useQuery(DashboardSummaryDocument, {});
  const data = summary.data?.analyticsSummary;
  const thisWeek = data?.weekly.at(-1);
  return (
    <section>
      <ScreenTitle>{t("dashboard.title")}</ScreenTitle>
      {summary.loading && <Loading />}
      {summary.error && <ErrorRetry onRetry={summary.retry} />}
      {data && (
        <ul className="stats">
          <li>{t("dashboard.streak", { count: data.currentStreakDays })}</li>
          <li>{t("dashboard.weekVolume", { volume: weight(thisWeek?.volumeKg ?? 0) })}</li>
          <li>{t("dashboard.sessions", { count: data.totalSessions })}</li>
        </ul>
      )}
    </section>
  );
}
