/**
 * Progress (lazy chunk: the charts library will load here, not in the initial bundle).
 *
 * @module
 */
import { useI18n } from "../app/i18n.tsx";
import { useQuery } from "../api/use_query.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../components/Feedback.tsx";
import { DashboardSummaryDocument } from "../graphql/operations.generated.ts";

/** `/progress`: weekly volume as an SVG bar chart until the chart library comes. */
export default function ProgressScreen() {
  const { t, weight, date } = useI18n();
  const summary = useQuery(DashboardSummaryDocument, {});
  const weeks = summary.data?.analyticsSummary.weekly ?? [];
  const max = Math.max(1, ...weeks.map((week) => week.volumeKg));
  return (
    <section>
      <ScreenTitle>{t("progress.title")}</ScreenTitle>
      {summary.loading && <Loading />}
      {summary.error && <ErrorRetry onRetry={summary.retry} />}
      {weeks.length > 0 && (
        <table className="volume-table">
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{date(week.weekStart)}</th>
                <td>
                  <meter min={0} max={max} value={week.volumeKg} />
                </td>
                <td>{weight(week.volumeKg)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
