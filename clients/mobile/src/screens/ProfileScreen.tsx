/** Units, timezone, notification preferences, log out, delete account. */
import { getCalendars } from "expo-localization";
import { useEffect, useState } from "react";
import { Switch, Text, View } from "react-native";
import { refusalText } from "@fitconnect/clients-shared/graphql";
import { deleteAccount, logOut } from "../api/auth";
import { graphql } from "../api/client";
import {
  MobileProfileDocument,
  MobileUpdatePreferencesDocument,
  MobileUpdateProfileDocument,
} from "../graphql/operations.generated";
import { t } from "../i18n";
import { Button, Field, Heading, Notice, Screen, styles } from "../ui/kit";
import { useQuery } from "../ui/use_query";

function deviceTimezone(): string {
  try {
    return getCalendars()[0]?.timeZone ?? "UTC";
  } catch {
    return "UTC";
  }
}

function Toggle({ label, value, onChange }: { label: string; value: boolean; onChange: (on: boolean) => void }) {
  return (
    <View style={styles.row}>
      <Switch accessibilityLabel={label} value={value} onValueChange={onChange} />
      <Text>{label}</Text>
    </View>
  );
}

export function ProfileScreen({ onUnitsChanged }: { onUnitsChanged: () => void }) {
  const { data, error } = useQuery(MobileProfileDocument);
  const [units, setUnits] = useState<"metric" | "imperial">("metric");
  const [timezone, setTimezone] = useState("");
  const [prefs, setPrefs] = useState({ inApp: true, email: true, push: true });
  const [quietStart, setQuietStart] = useState("");
  const [quietEnd, setQuietEnd] = useState("");
  const [confirm, setConfirm] = useState("");
  const [message, setMessage] = useState<{ text: string; tone: "info" | "error" }>();

  useEffect(() => {
    if (!data) return;
    setUnits(data.me.units);
    setTimezone(data.me.timezone || deviceTimezone());
    const { inApp, email, push, quietHours } = data.notificationPreferences;
    setPrefs({ inApp, email, push });
    setQuietStart(quietHours?.start ?? "");
    setQuietEnd(quietHours?.end ?? "");
  }, [data]);

  async function save() {
    setMessage(undefined);
    try {
      await graphql.request(MobileUpdateProfileDocument, { input: { units, timezone: timezone.trim() } });
      await graphql.request(MobileUpdatePreferencesDocument, {
        input: { ...prefs, quietHours: quietStart && quietEnd ? { start: quietStart, end: quietEnd } : null },
      });
      onUnitsChanged();
      setMessage({ tone: "info", text: t("profile.saved") });
    } catch (failure) {
      setMessage({ tone: "error", text: refusalText(failure) });
    }
  }

  return (
    <Screen title={t("profile.title")}>
      {error && <Notice tone="error">{t("app.networkError")}</Notice>}
      {data && <Text>{t("account.signedInAs", { name: data.me.displayName })}</Text>}
      <Heading>{t("profile.units")}</Heading>
      <View style={styles.row}>
        <Button kind={units === "metric" ? "primary" : "plain"} title={t("profile.metric")} onPress={() => setUnits("metric")} />
        <Button kind={units === "imperial" ? "primary" : "plain"} title={t("profile.imperial")} onPress={() => setUnits("imperial")} />
      </View>
      <Field label={t("profile.timezone")} value={timezone} onChangeText={setTimezone} />
      <Heading>{t("notifications.channels")}</Heading>
      <Toggle label={t("notifications.channel.inApp")} value={prefs.inApp} onChange={(inApp) => setPrefs({ ...prefs, inApp })} />
      <Toggle label={t("notifications.channel.email")} value={prefs.email} onChange={(email) => setPrefs({ ...prefs, email })} />
      <Toggle label={t("notifications.channel.push")} value={prefs.push} onChange={(push) => setPrefs({ ...prefs, push })} />
      <Field label={t("notifications.quietStart")} value={quietStart} onChangeText={setQuietStart} />
      <Field label={t("notifications.quietEnd")} value={quietEnd} onChangeText={setQuietEnd} />
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <Button title={t("profile.save")} disabled={!data} onPress={() => void save()} />
      <Button kind="plain" title={t("account.logOut")} onPress={() => void logOut()} />
      <Heading>{t("profile.deleteTitle")}</Heading>
      <Text>{t("profile.deleteWarning")}</Text>
      <Field label={t("profile.deleteConfirmLabel", { word: t("profile.deleteWord") })} value={confirm} onChangeText={setConfirm} />
      <Button
        kind="danger"
        title={t("profile.deleteConfirm")}
        disabled={confirm.trim() !== t("profile.deleteWord")}
        onPress={() => void deleteAccount().catch((failure: Error) => setMessage({ tone: "error", text: failure.message }))}
      />
    </Screen>
  );
}
