/**
 * Sign up and log in. Field errors from the API's problem+json sit next to the field their
 * JSON Pointer names (`aria-describedby`, `aria-invalid`); anything else above the form.
 *
 * @module
 */
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../app/i18n.tsx";
import { Link, navigate, useLocation } from "../app/router.tsx";
import { logIn, signUp } from "../api/auth.ts";
import { type PlacedErrors, placeErrors, ProblemError } from "../api/problem.ts";
import { ScreenTitle } from "../components/Feedback.tsx";
import type { MessageKey } from "@fitconnect/clients-shared/i18n";

interface FieldSpec {
  name: string;
  label: MessageKey;
  type: string;
  autoComplete: string;
  hint?: MessageKey;
}

const signUpFields: FieldSpec[] = [
  { name: "email", label: "account.email", type: "email", autoComplete: "email" },
  {
    name: "password",
    label: "account.password",
    type: "password",
    autoComplete: "new-password",
    hint: "account.passwordHint",
  },
  { name: "displayName", label: "account.displayName", type: "text", autoComplete: "nickname" },
];

const logInFields: FieldSpec[] = [
  { name: "email", label: "account.email", type: "email", autoComplete: "username" },
  {
    name: "password",
    label: "account.password",
    type: "password",
    autoComplete: "current-password",
  },
];

/** Codes whose problem has no pointer but concerns one field. */
const codeFields = { EMAIL_TAKEN: "/email" };

function AccountForm(
  { fields, submitLabel, submit }: {
    fields: FieldSpec[];
    submitLabel: MessageKey;
    submit: (values: Record<string, string>) => Promise<unknown>;
  },
) {
  const { t } = useI18n();
  const id = useId();
  const [errors, setErrors] = useState<PlacedErrors>({ fields: {}, form: [] });
  const [busy, setBusy] = useState(false);
  const { searchParams } = useLocation();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = Object.fromEntries(
      fields.map((field) => [field.name, String(data.get(field.name) ?? "")]),
    );
    setBusy(true);
    setErrors({ fields: {}, form: [] });
    try {
      await submit(values);
      const next = searchParams.get("next");
      navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      if (error.code === "NETWORK") setErrors({ fields: {}, form: [t("app.networkError")] });
      else {setErrors(placeErrors(
          error.problem,
          fields.map((field) => `/${field.name}`),
          codeFields,
        ));}
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="account-form" onSubmit={onSubmit} noValidate aria-busy={busy}>
      {errors.form.length > 0 && (
        <div className="error-box" role="alert">
          {errors.form.map((message) => <p key={message}>{message}</p>)}
        </div>
      )}
      {fields.map((field) => {
        const error = errors.fields[`/${field.name}`];
        const inputId = `${id}-${field.name}`;
        const described = [field.hint && `${inputId}-hint`, error && `${inputId}-error`]
          .filter(Boolean).join(" ") || undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={inputId}>{t(field.label)}</label>
            <input
              id={inputId}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={described}
            />
            {field.hint && <p className="hint" id={`${inputId}-hint`}>{t(field.hint)}</p>}
            {error && <p className="field-error" id={`${inputId}-error`}>{error}</p>}
          </div>
        );
      })}
      <button type="submit" disabled={busy}>{busy ? t("account.working") : t(submitLabel)}</button>
    </form>
  );
}

/** `/signup` */
export function SignUpScreen() {
  const { t } = useI18n();
  return (
    <section className="narrow">
      <ScreenTitle>{t("account.signUpTitle")}</ScreenTitle>
      <AccountForm
        fields={signUpFields}
        submitLabel="account.createAccount"
        submit={(values) =>
          signUp({
            email: values.email,
            password: values.password,
            displayName: values.displayName,
          })}
      />
      <p>
        <Link to="/login">{t("account.haveAccount")}</Link>
      </p>
    </section>
  );
}

/** `/login` */
export function LogInScreen() {
  const { t } = useI18n();
  return (
    <section className="narrow">
      <ScreenTitle>{t("account.logInTitle")}</ScreenTitle>
      <AccountForm
        fields={logInFields}
        submitLabel="account.logIn"
        submit={(values) => logIn({ email: values.email, password: values.password })}
      />
      <p>
        <Link to="/signup">{t("account.noAccount")}</Link>
      </p>
    </section>
  );
}
