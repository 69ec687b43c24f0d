/**
 * Admin (lazy chunk: members never download it). The API refuses members anyway; this only
 * keeps the page from showing them anything.
 *
 * @module
 */
import { useI18n } from "../app/i18n.tsx";
import { useSession } from "../api/session.ts";
import { ScreenTitle } from "../components/Feedback.tsx";
import { DeadLetters } from "./admin/DeadLetters.tsx";
import { Inventory } from "./admin/Inventory.tsx";
import { Overview } from "./admin/Overview.tsx";
import { Refunds } from "./admin/Refunds.tsx";

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
      <Overview />
      <Inventory />
      <Refunds />
      <DeadLetters />
    </section>
  );
}
