import type { MessageKey } from "@fitconnect/clients-shared/i18n";
import { useI18n } from "../app/i18n.tsx";
import { ScreenTitle } from "../components/Feedback.tsx";

/** A screen still to build: its title, so navigation and tests can reach it. */
export function PlaceholderScreen({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <section>
      <ScreenTitle>{t(title)}</ScreenTitle>
      <p>{t("screen.comingSoon")}</p>
    </section>
  );
}
