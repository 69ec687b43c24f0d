/** Weekly volume as bars (react-native-svg), with the figures in the accessible label. */
import Svg, { Rect } from "react-native-svg";
import { View } from "react-native";
import { format, t } from "../i18n";
import { Body } from "../ui/kit";
import type { Units } from "@fitconnect/clients-shared/i18n";

export function VolumeChart({ weeks, units }: { weeks: { weekStart: string; volumeKg: number }[]; units: Units }) {
  const shown = weeks.slice(-8);
  if (!shown.length) return <Body muted>{t("progress.noSessions")}</Body>;
  const max = Math.max(1, ...shown.map((week) => week.volumeKg));
  const width = 300;
  const height = 120;
  const bar = width / shown.length;
  const label = shown.map((week) => `${format.date(week.weekStart)}: ${format.weight(week.volumeKg, units)}`).join(", ");
  return (
    <View accessible accessibilityRole="image" accessibilityLabel={`${t("chart.weeklyVolume")}: ${label}`}>
      <Svg width={width} height={height}>
        {shown.map((week, index) => {
          const h = Math.max(2, (week.volumeKg / max) * (height - 4));
          return <Rect key={week.weekStart} x={index * bar + 4} y={height - h} width={bar - 8} height={h} fill="#1d4ed8" />;
        })}
      </Svg>
    </View>
  );
}
