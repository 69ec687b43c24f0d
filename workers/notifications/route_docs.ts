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

export const notificationsDocs = {
  inbox: documented({
    summary: "The caller's notifications, newest first",
    tag: "Notifications",
    access: "member",
    scope: "notifications:read",
    responses: {
      200: {
        description: "A page of notifications",
        body: pageOf("NotificationPage", notification),
        headers: [...privateHeaders, "Link"],
      },
    },
  }),
  getPreferences: documented({
    summary: "The caller's notification preferences",
    tag: "Notifications",
    access: "member",
    scope: "notifications:read",
    responses: {
      200: { description: "The preferences", body: preferences, headers: privateHeaders },
    },
  }),
  putPreferences: documented({
    summary: "Replace the caller's notification preferences",
    tag: "Notifications",
    access: "session",
    responses: {
      200: { description: "The preferences", body: preferences, headers: privateHeaders },
    },
  }),
  markRead: documented({
    summary: "Mark a notification read",
    tag: "Notifications",
    access: "session",
    responses: { 204: { description: "Read" } },
    problems: [notificationsProblems.NOTIFICATION_NOT_FOUND],
  }),
};
