/** The sync state, always visible: waiting, syncing, synced; refused workouts with their error. */
import { View } from "react-native";
import { t } from "../i18n";
import { useSyncStatus, workoutLog } from "../offline/app_log";
import { Body, Button, Notice, styles } from "../ui/kit";

export function SyncBanner() {
  const status = useSyncStatus();
  if (!status) return null;
  const failed = status.items.filter((item) => item.state === "failed");
  let line = t("mobile.sync.synced");
  if (status.syncing && status.waiting) line = t("offline.syncing", { count: status.waiting });
  else if (status.waiting) {
    line = status.online
      ? t("mobile.sync.waiting", { count: status.waiting })
      : t("offline.waiting", { count: status.waiting });
  }
  return (
    <View style={styles.card} accessibilityLabel={t("mobile.sync.label")}>
      <Body>{line}</Body>
      {status.waiting > 0 && !status.syncing && (
        <Button kind="plain" title={t("mobile.sync.retry")} onPress={() => void workoutLog().then((log) => log.outbox.retryNow())} />
      )}
      {failed.map((item) => (
        <View key={item.clientId} style={styles.row}>
          <Notice tone="error">{t("log.refused", { message: item.lastError?.message ?? "" })}</Notice>
          <Button kind="plain" title={t("app.retry")} onPress={() => void workoutLog().then((log) => log.outbox.retryFailed(item.clientId))} />
          <Button kind="plain" title={t("mobile.sync.discard")} onPress={() => void workoutLog().then((log) => log.outbox.discard(item.clientId))} />
        </View>
      ))}
    </View>
  );
}
