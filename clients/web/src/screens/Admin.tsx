/**
 * Admin (lazy chunk: members never download it). The API refuses members anyway; this only
 * keeps the page from showing them anything.
 *
 * @module
 */
import { useI18n } from "../app/i18n.tsx";
import { useSession } from "../api/session.ts";
import { ScreenTitle } from "../components/Feedback.tsx";

/** `/admin` */
export default function AdminScreen() {
  const { t } = useI18n();
  const session = useSession();
  if (session?.user.role !== "admin") {
    return (
      <section>
        <ScreenTitle>{t("admin.title")}</ScreenTitle>
        <p role="alert">{t("admin.forbidden")}</p>
      </section>
    );
  }
  return (
    <section>
      <ScreenTitle>{t("admin.title")}</ScreenTitle>
      <p>{t("screen.comingSoon")}</p>
    </section>
  );
}
