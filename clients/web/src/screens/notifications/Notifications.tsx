import { useI18n } from "../../app/i18n.tsx";
import { ScreenTitle } from "../../components/Feedback.tsx";
import { Inbox } from "./Inbox.tsx";
import { Preferences } from "./Preferences.tsx";

/** `/notifications`: the inbox and the preferences. */
export function NotificationsScreen() {
  const { t } = useI18n();
  return (
    <section>
      <ScreenTitle>{t("notifications.title")}</ScreenTitle>
      <div className="two-columns">
        <Inbox />
        <Preferences />
      </div>
    </section>
  );
}
