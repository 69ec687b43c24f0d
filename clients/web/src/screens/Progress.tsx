/**
 * Progress (lazy chunk; the charts library loads with the first chart): weekly volume, a
 * chosen exercise's best and estimated 1RM, and reports.
 *
 * @module
 */
import { useI18n } from "../app/i18n.tsx";
import { useQuery } from "../api/use_query.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../components/Feedback.tsx";
import { WeeklyVolumeChart } from "../components/WeeklyVolumeChart.tsx";
import { DashboardSummaryDocument } from "../graphql/operations.generated.ts";
import { ExerciseProgress } from "./progress/ExerciseProgress.tsx";
import { Reports } from "./progress/Reports.tsx";

/** `/progress` */
export default function ProgressScreen() {
  const { t } = useI18n();
  const summary = useQuery(DashboardSummaryDocument, {});
  const weeks = summary.data?.analyticsSummary.weekly ?? [];
  return (
    <section>
      <ScreenTitle>{t("progress.title")}</ScreenTitle>
      {summary.loading && <Loading />}
      {summary.error && <ErrorRetry onRetry={summary.retry} />}
      {weeks.length > 0 && <WeeklyVolumeChart weeks={weeks} />}
      <ExerciseProgress />
      <Reports />
    </section>
  );
}
