import type { ReactNode } from "react";
import { useI18n } from "../app/i18n.tsx";

/** A failure with a retry, never a blank page. */
export function ErrorRetry({ message, onRetry }: { message?: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-box" role="alert">
      <p>{message ?? t("app.networkError")}</p>
      <button type="button" onClick={onRetry}>{t("app.retry")}</button>
    </div>
  );
}

/** A polite loading message. */
export function Loading() {
  const { t } = useI18n();
  return <p className="loading" role="status">{t("app.loading")}</p>;
}

/** A screen's title (the layout focuses it after each navigation). */
export function ScreenTitle({ children }: { children: ReactNode }) {
  return <h1 tabIndex={-1}>{children}</h1>;
}
