import { useMemo } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { useQuery } from "../../api/use_query.ts";
import { ErrorRetry, Loading } from "../../components/Feedback.tsx";
import { Chart } from "../../components/chart/Chart.tsx";
import { AnalyticsOverviewDocument } from "../../graphql/operations.generated.ts";

/** Users, paying members and revenue per day (one chart per currency). */
export function Overview() {
  const { t, number, money, date } = useI18n();
  const overview = useQuery(AnalyticsOverviewDocument, {});
  const data = overview.data?.analyticsOverview;
  const charts = useMemo(() => {
    const byCurrency = new Map<string, { date: string; amountCents: number }[]>();
    for (const row of data?.revenueByDay ?? []) {
      byCurrency.set(row.currency, [...(byCurrency.get(row.currency) ?? []), row]);
    }
    return [...byCurrency].map(([currency, rows]) => ({
      title: t("admin.revenueChart", { currency }),
      xLabel: t("chart.date"),
      x: rows.map((row) => Date.parse(`${row.date}T00:00:00Z`) / 1000),
      series: [{
        label: t("admin.revenue"),
        values: rows.map((row) => row.amountCents),
        color: "#0f5132",
      }],
      formatX: (seconds: number) =>
        date(new Date(seconds * 1000), { month: "short", day: "numeric", timeZone: "UTC" }),
      formatY: (cents: number) => money(cents, currency),
      bars: true,
    }));
  }, [data, t, money, date]);
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">{t("admin.overview")}</h2>
      {overview.loading && !data && <Loading />}
      {overview.error && <ErrorRetry onRetry={overview.retry} />}
      {data && (
        <ul className="stats">
          <li>{t("admin.users", { count: number(data.users.total) })}</li>
          <li>{t("admin.active7d", { count: number(data.users.active7d) })}</li>
          <li>{t("admin.paying", { count: number(data.payingUsers) })}</li>
        </ul>
      )}
      {data && charts.length === 0 && <p>{t("admin.noRevenue")}</p>}
      {charts.map((chart) => <Chart key={chart.title} {...chart} />)}
    </section>
  );
}
