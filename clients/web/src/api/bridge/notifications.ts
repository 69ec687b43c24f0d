/**
 * Notification preferences (REST `GET`/`PUT /v1/notifications/preferences`).
 *
 * @module
 */
import {
  NotificationPreferencesDocument,
  type NotificationPreferencesQuery,
  UpdateNotificationPreferencesDocument,
} from "../../graphql/proposed.generated.ts";
import { rest } from "../rest.ts";
import { adapter } from "./adapter.ts";

type Preferences = NotificationPreferencesQuery["notificationPreferences"];

export const notificationAdapters = [
  adapter(NotificationPreferencesDocument, async () => ({
    notificationPreferences: await rest<Preferences>("/v1/notifications/preferences"),
  })),
  adapter(UpdateNotificationPreferencesDocument, async ({ input }) => ({
    updateNotificationPreferences: await rest<Preferences>("/v1/notifications/preferences", {
      method: "PUT",
      body: input,
    }),
  })),
];
