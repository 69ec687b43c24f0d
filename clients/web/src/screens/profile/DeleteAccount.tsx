/**
 * Closing the account: a button that opens a confirmation (type DELETE), then `deleteAccount`
 * (the gateway calls REST `DELETE /v1/me`) and the session ends.
 *
 * @module
 */
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { navigate } from "../../app/router.tsx";
import { graphql } from "../../api/graphql.ts";
import { logOut } from "../../api/auth.ts";
import { problemOf } from "../../api/errors.ts";
import { DeleteAccountDocument } from "../../graphql/operations.generated.ts";

/** The danger zone. */
export function DeleteAccount() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const word = t("profile.deleteWord");
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  async function confirm(event: FormEvent) {
    event.preventDefault();
    setError("");
    try {
      await graphql.request(DeleteAccountDocument, {});
      await logOut();
      navigate("/signup", { replace: true });
    } catch (failure) {
      const problem = problemOf(failure);
      setError(
        problem.code === "NETWORK" ? t("app.networkError") : problem.detail ?? problem.title,
      );
    }
  }
  return (
    <section className="danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{t("profile.deleteTitle")}</h2>
      {!open && (
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          {t("profile.delete")}
        </button>
      )}
      {open && (
        <form onSubmit={confirm}>
          <p>{t("profile.deleteWarning")}</p>
          <div className="field">
            <label htmlFor="delete-confirm">{t("profile.deleteConfirmLabel", { word })}</label>
            <input
              id="delete-confirm"
              ref={input}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
            />
          </div>
          {error && <p className="field-error" role="alert">{error}</p>}
          <div className="actions">
            <button type="submit" className="danger" disabled={typed.trim() !== word}>
              {t("profile.deleteConfirm")}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setOpen(false);
                setTyped("");
              }}
            >
              {t("plans.cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
