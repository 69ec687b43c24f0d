/** Past sessions, personal records and the weekly volume. */
import { View } from "react-native";
import { MobileHistoryDocument } from "../graphql/operations.generated";
import { format, t } from "../i18n";
import type { MessageKey } from "@fitconnect/clients-shared/i18n";
import { Body, Button, Heading, Notice, Screen, styles } from "../ui/kit";
import { useQuery } from "../ui/use_query";
import { useUnits } from "../ui/units";
import { SyncBanner } from "./SyncBanner";
import { VolumeChart } from "./VolumeChart";

const recordNames: Record<string, MessageKey> = {
  max_weight: "record.maxWeight",
  max_reps: "record.maxReps",
  max_volume: "record.maxVolume",
  estimated_1rm: "record.estimated1rm",
};

export function HistoryScreen() {
  const units = useUnits();
  const { data, error, reload } = useQuery(MobileHistoryDocument, {});
  return (
    <Screen title={t("mobile.history.title")}>
      <SyncBanner />
      <Button kind="plain" title={t("mobile.refresh")} onPress={reload} />
      {error && <Notice tone="error">{t("app.networkError")}</Notice>}
      {data && (
        <>
          <Heading>{t("chart.weeklyVolume")}</Heading>
          <VolumeChart weeks={data.analyticsSummary.weekly} units={units} />
          <Heading>{t("dashboard.recentRecords")}</Heading>
          {!data.analyticsSummary.personalRecords.length && <Body muted>{t("dashboard.noRecords")}</Body>}
          {data.analyticsSummary.personalRecords.slice(0, 10).map((record) => (
            <Body key={`${record.exerciseId}:${record.kind}`}>
              {`${t(recordNames[record.kind] ?? "record.maxWeight")}: ${record.kind === "max_reps" ? record.value : format.weight(record.value, units)}${record.achievedAt ? ` · ${format.date(record.achievedAt)}` : ""}`}
            </Body>
          ))}
          <Heading>{t("dashboard.recentSessions")}</Heading>
          {!data.sessions.items.length && <Body muted>{t("dashboard.noSessions")}</Body>}
          {data.sessions.items.map((session) => (
            <View key={session.id} style={styles.card} accessibilityLabel={t("mobile.history.session", { date: format.date(session.startedAt) })}>
              <Body>{format.date(session.startedAt)}</Body>
              <Body muted>
                {t("mobile.history.summary", {
                  sets: session.entries.reduce((sum, entry) => sum + entry.sets.length, 0),
                  volume: format.weight(session.volumeKg, units),
                })}
              </Body>
            </View>
          ))}
        </>
      )}
    </Screen>
  );
}
