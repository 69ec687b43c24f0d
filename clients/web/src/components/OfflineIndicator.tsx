import { useEffect, useState } from "react";
import { useI18n } from "../app/i18n.tsx";
import { useOutboxStatus } from "../offline/outbox.ts";

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine !== false);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    globalThis.addEventListener("online", on);
    globalThis.addEventListener("offline", off);
    return () => {
      globalThis.removeEventListener("online", on);
      globalThis.removeEventListener("offline", off);
    };
  }, []);
  return online;
}

/** "offline — N workouts waiting", syncing and failed counts; silent when nothing waits. */
export function OfflineIndicator() {
  const { t } = useI18n();
  const status = useOutboxStatus();
  const online = useOnline();
  let text = "";
  if (status.waiting > 0) {
    text = !online
      ? t("offline.waiting", { count: status.waiting })
      : status.syncing
      ? t("offline.syncing", { count: status.waiting })
      : t("offline.waiting", { count: status.waiting });
  }
  const failed = status.failed > 0 ? t("offline.failed", { count: status.failed }) : "";
  return (
    <div className="offline" role="status" aria-live="polite">
      {text && <p className="offline-waiting">{text}</p>}
      {failed && <p className="offline-failed">{failed}</p>}
    </div>
  );
}
