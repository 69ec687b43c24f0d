/**
 * How each public notifications route is described in the OpenAPI document
 * (docs/openapi.md): ./routes.ts puts these first in each route's chain.
 *
 * @module
 */
import * as v from "valibot";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { id, instant, named, pageOf } from "../../shared/http/openapi/wire.ts";
import { notificationsProblems } from "./problems.ts";
import { devicePlatforms } from "./device_schema.ts";

const notification = named(
  "Notification",
  v.object({
    id,
    type: v.pipe(
      v.string(),
      v.description(
        "`welcome`, `personal_record`, `payment_succeeded`, `payment_failed`, `report_ready`, " +
          "`low_stock` (admins)…",
      ),
    ),
    title: v.string(),
    body: v.string(),
    data: v.unknown(),
    createdAt: instant,
    readAt: v.nullable(instant),
  }),
);

const clock = v.pipe(v.string(), v.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/));

const preferences = named(
  "NotificationPreferences",
  v.object({
    inApp: v.boolean(),
    email: v.boolean(),
    push: v.boolean(),
    quietHours: v.nullable(v.object({ start: clock, end: clock })),
  }),
  { inApp: true, email: true, push: false, quietHours: { start: "22:00", end: "07:00" } },
);

const privateHeaders = ["Cache-Control"] as const;

const device = named(
  "Device",
  v.object({
    id,
    expoPushToken: v.string(),
    platform: v.picklist(devicePlatforms),
    createdAt: instant,
  }),
  {
    id: "9b2f6a7e-3c1d-4e5f-8a9b-0c1d2e3f4a5b",
    expoPushToken: "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]",
    platform: "ios",
    createdAt: "2026-12-01T09:30:00.000Z",
  },
);

export const notificationsDocs = {
  inbox: documented({
    summary: "The caller's notifications, newest first",
    tag: "Notifications",
    access: "member",
    scope: "notifications:read",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: {
        description: "A page of notifications",
        body: pageOf("NotificationPage", notification),
        headers: ["ETag", ...privateHeaders, "Link"],
      },
      304: { description: "Not modified: If-None-Match names the current tag", headers: ["ETag"] },
    },
  }),
  getPreferences: documented({
    summary: "The caller's notification preferences",
    tag: "Notifications",
    access: "member",
    scope: "notifications:read",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: {
        description: "The preferences",
        body: preferences,
        headers: [...privateHeaders, "ETag"],
      },
      304: { description: "Not modified: If-None-Match names the current tag", headers: ["ETag"] },
    },
  }),
  putPreferences: documented({
    summary: "Replace the caller's notification preferences",
    tag: "Notifications",
    access: "member",
    scope: "notifications:write",
    responses: {
      200: { description: "The preferences", body: preferences, headers: privateHeaders },
    },
  }),
  patchPreferences: documented({
    summary: "Change some of the caller's notification preferences",
    description: "Only the fields sent change; `quietHours: null` clears the window.",
    tag: "Notifications",
    access: "member",
    scope: "notifications:write",
    responses: {
      200: { description: "The preferences", body: preferences, headers: privateHeaders },
    },
  }),
  markRead: documented({
    summary: "Mark a notification read",
    tag: "Notifications",
    access: "member",
    scope: "notifications:write",
    responses: { 204: { description: "Read" } },
    problems: [notificationsProblems.NOTIFICATION_NOT_FOUND],
  }),
  registerDevice: documented({
    summary: "Register a device for push notifications",
    description: "Idempotent per Expo push token: the same token again answers 200 with the " +
      "same device, moved to the caller if another member had it.",
    tag: "Notifications",
    access: "member",
    scope: "notifications:write",
    responses: {
      201: { description: "Registered", body: device, headers: privateHeaders },
      200: {
        description: "Already registered (now the caller's)",
        body: device,
        headers: privateHeaders,
      },
    },
  }),
  listDevices: documented({
    summary: "The caller's registered devices, newest first",
    tag: "Notifications",
    access: "member",
    scope: "notifications:read",
    responses: {
      200: {
        description: "A page of devices",
        body: pageOf("DevicePage", device),
        headers: [...privateHeaders, "Link"],
      },
    },
  }),
  removeDevice: documented({
    summary: "Stop pushing to a device",
    tag: "Notifications",
    access: "member",
    scope: "notifications:write",
    responses: { 204: { description: "Removed" } },
    problems: [notificationsProblems.DEVICE_NOT_FOUND],
  }),
};
