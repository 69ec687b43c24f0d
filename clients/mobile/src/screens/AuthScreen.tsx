/** Sign up or log in. */
import { useState } from "react";
import { logIn, signUp } from "../api/auth";
import { t } from "../i18n";
import { Button, Field, Notice, Screen } from "../ui/kit";

export function AuthScreen() {
  const [mode, setMode] = useState<"logIn" | "signUp">("logIn");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      if (mode === "logIn") await logIn(email.trim(), password);
      else await signUp(email.trim(), password, displayName.trim());
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  }

  const title = mode === "logIn" ? t("account.logInTitle") : t("account.signUpTitle");
  return (
    <Screen title={title}>
      {mode === "signUp" && (
        <Field label={t("account.displayName")} value={displayName} onChangeText={setDisplayName} autoComplete="name" />
      )}
      <Field label={t("account.email")} value={email} onChangeText={setEmail} autoComplete="email" />
      <Field label={t("account.password")} value={password} onChangeText={setPassword} secure autoComplete="password" />
      {error && <Notice tone="error">{error}</Notice>}
      <Button
        title={busy ? t("account.working") : mode === "logIn" ? t("account.logIn") : t("account.createAccount")}
        disabled={busy}
        onPress={() => void submit()}
      />
      <Button
        kind="plain"
        title={mode === "logIn" ? t("account.noAccount") : t("account.haveAccount")}
        onPress={() => setMode(mode === "logIn" ? "signUp" : "logIn")}
      />
    </Screen>
  );
}
