/** Tapping a push notification opens the screen its `data` names (also when it started the app). */
import * as Notifications from "expo-notifications";
import { Platform } from "react-native";
import { screenFor, type Tab } from "../ui/navigation";

/** Calls `open` with the screen of every tapped notification; returns the unsubscribe. */
export function followNotificationTaps(open: (tab: Tab) => void): () => void {
  if (Platform.OS === "web") return () => {};
  const visit = (response: Notifications.NotificationResponse | null | undefined) => {
    if (!response) return;
    const data = response.notification.request.content.data;
    open(screenFor(data, typeof data?.type === "string" ? data.type : undefined));
  };
  void Notifications.getLastNotificationResponseAsync().then(visit, () => {});
  const subscription = Notifications.addNotificationResponseReceivedListener(visit);
  return () => subscription.remove();
}
