import { useMemo } from "react";
import { useI18n } from "../app/i18n.tsx";
import { Chart } from "./chart/Chart.tsx";

/** Volume per week as bars (dashboard and progress). */
export function WeeklyVolumeChart(
  { weeks }: { weeks: readonly { weekStart: string; volumeKg: number }[] },
) {
  const { t, weight, date } = useI18n();
  const props = useMemo(() => ({
    title: t("chart.weeklyVolume"),
    xLabel: t("chart.week"),
    x: weeks.map((week) => Date.parse(week.weekStart) / 1000),
    series: [{
      label: t("chart.volume"),
      values: weeks.map((week) => week.volumeKg),
      color: "#0f5132",
    }],
    formatX: (seconds: number) =>
      date(new Date(seconds * 1000), { month: "short", day: "numeric" }),
    formatY: (value: number) => weight(value),
    bars: true,
  }), [weeks, t, weight, date]);
  return <Chart {...props} />;
}
