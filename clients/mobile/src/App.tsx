/** The app: log in, then six screens behind a tab bar; push taps open the matching one. */
import { useEffect, useState } from "react";
import { Pressable, StyleSheet, Text, View } from "react-native";
import type { Units } from "@fitconnect/clients-shared/i18n";
import { graphql, tokens } from "./api/client";
import { watchDeviceNetwork } from "./api/network";
import { MobileProfileDocument } from "./graphql/operations.generated";
import { t } from "./i18n";
import type { MessageKey } from "@fitconnect/clients-shared/i18n";
import { workoutLog } from "./offline/app_log";
import { followNotificationTaps } from "./push/taps";
import { registerForPush, showPushesInForeground } from "./push/register";
import { AuthScreen } from "./screens/AuthScreen";
import { HistoryScreen } from "./screens/HistoryScreen";
import { LogScreen } from "./screens/LogScreen";
import { NotificationsScreen } from "./screens/NotificationsScreen";
import { ProfileScreen } from "./screens/ProfileScreen";
import { ShopScreen } from "./screens/ShopScreen";
import { TodayScreen } from "./screens/TodayScreen";
import { colors } from "./ui/kit";
import { NavigationContext, type Tab, tabs } from "./ui/navigation";
import { UnitsContext } from "./ui/units";

const tabNames: Record<Tab, MessageKey> = {
  today: "mobile.today.title",
  log: "log.title",
  history: "mobile.history.title",
  notifications: "notifications.title",
  shop: "shop.title",
  profile: "profile.title",
};

function useSignedIn(): boolean | undefined {
  const [signedIn, setSignedIn] = useState<boolean>();
  useEffect(() => {
    const stop = tokens.subscribe(() => setSignedIn(tokens.signedIn()));
    void tokens.resume().then(() => setSignedIn(tokens.signedIn()), () => setSignedIn(false));
    return stop;
  }, []);
  return signedIn;
}

export default function App({ initialTab = "today" }: { initialTab?: Tab }) {
  const signedIn = useSignedIn();
  const [tab, setTab] = useState<Tab>(initialTab);
  const [units, setUnits] = useState<Units>("metric");
  const [profileRound, setProfileRound] = useState(0);

  useEffect(() => watchDeviceNetwork(), []);
  useEffect(() => {
    showPushesInForeground();
    return followNotificationTaps(setTab);
  }, []);
  useEffect(() => {
    if (!signedIn) return;
    void workoutLog().then((log) => log.outbox.retryNow());
    void registerForPush().catch(() => {});
    graphql.request(MobileProfileDocument).then((data) => setUnits(data.me.units), () => {});
  }, [signedIn, profileRound]);

  if (signedIn === undefined) return <View style={styles.app}><Text>{t("app.loading")}</Text></View>;
  if (!signedIn) return <View style={styles.app}><AuthScreen /></View>;

  return (
    <NavigationContext.Provider value={setTab}>
      <UnitsContext.Provider value={units}>
        <View style={styles.app}>
          <View style={styles.body}>
            {tab === "today" && <TodayScreen />}
            {tab === "log" && <LogScreen />}
            {tab === "history" && <HistoryScreen />}
            {tab === "notifications" && <NotificationsScreen />}
            {tab === "shop" && <ShopScreen />}
            {tab === "profile" && <ProfileScreen onUnitsChanged={() => setProfileRound((n) => n + 1)} />}
          </View>
          <View accessibilityRole="tablist" style={styles.tabs}>
            {tabs.map((name) => (
              <Pressable
                key={name}
                accessibilityRole="tab"
                accessibilityState={{ selected: name === tab }}
                onPress={() => setTab(name)}
                style={styles.tab}
              >
                <Text style={name === tab ? styles.current : styles.tabText}>{t(tabNames[name])}</Text>
              </Pressable>
            ))}
          </View>
        </View>
      </UnitsContext.Provider>
    </NavigationContext.Provider>
  );
}

const styles = StyleSheet.create({
  app: { flex: 1, backgroundColor: "#fff", paddingTop: 32 },
  body: { flex: 1 },
  tabs: { flexDirection: "row", borderTopWidth: 1, borderColor: colors.line },
  tab: { flex: 1, paddingVertical: 10, alignItems: "center", minHeight: 44 },
  tabText: { fontSize: 11, color: colors.muted },
  current: { fontSize: 11, color: colors.accent, fontWeight: "700" },
});
