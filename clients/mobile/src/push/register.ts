/**
 * Registers this device's Expo push token with the API (`registerDevice`; the API answers the
 * same device for the same token, so registering at every start is harmless). Asks for the
 * permission first; without it, or without a project id (a bare web build), nothing happens.
 */
import Constants from "expo-constants";
import * as Notifications from "expo-notifications";
import { Platform } from "react-native";
import { graphql } from "../api/client";
import { MobileRegisterDeviceDocument } from "../graphql/operations.generated";

/** Shows pushes that arrive while the app is open, too. */
export function showPushesInForeground(): void {
  if (Platform.OS === "web") return;
  Notifications.setNotificationHandler({
    handleNotification: () =>
      Promise.resolve({ shouldShowBanner: true, shouldShowList: true, shouldPlaySound: false, shouldSetBadge: false }),
  });
}

/** The registered device's id, or undefined when push is not possible here. */
export async function registerForPush(): Promise<string | undefined> {
  if (Platform.OS === "web") return undefined;
  let { granted } = await Notifications.getPermissionsAsync();
  if (!granted) ({ granted } = await Notifications.requestPermissionsAsync());
  if (!granted) return undefined;
  const projectId = Constants.expoConfig?.extra?.eas?.projectId ?? Constants.easConfig?.projectId;
  const { data: expoPushToken } = await Notifications.getExpoPushTokenAsync(projectId ? { projectId } : {});
  if (!expoPushToken) return undefined;
  const platform = Platform.OS === "ios" ? "ios" : "android";
  const { registerDevice } = await graphql.request(MobileRegisterDeviceDocument, {
    input: { expoPushToken, platform },
  });
  return registerDevice.id;
}
