/**
 * The notifications worker's HTTP surface for members: the inbox and
 * preferences. HTTP only: status codes and wire shapes; the use cases live in
 * ./service.ts, the queue's delivery route in shared/events/consumer.ts.
 *
 * @module
 */
import { Hono } from "hono";
import { requireAuth } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { jsonBody, queryParams } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { pageBody } from "../../shared/http/paging.ts";
import type { NotificationRow } from "./repository.ts";
import {
  cursorOf,
  inboxQuerySchema,
  type NotificationBody,
  type PreferencesBody,
  preferencesSchema,
} from "./schema.ts";
import type { NotificationsService, Preferences } from "./service.ts";
import { notificationsDocs } from "./route_docs.ts";

/** The wire shape of a notification. */
function notificationBody(row: NotificationRow): NotificationBody {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The wire shape of preferences. */
function preferencesBody(preferences: Preferences): PreferencesBody {
  const { quietStart: start, quietEnd: end } = preferences;
  return {
    inApp: preferences.inApp,
    email: preferences.email,
    push: preferences.push,
    quietHours: start !== null && end !== null ? { start, end } : null,
  };
}

/** Personal answers: never kept by a shared cache. */
const privateHeaders = { "cache-control": "private, no-store" };

/** The notifications routes over `service`, authenticating members with `verifier`. */
export function createNotificationsRoutes(service: NotificationsService, verifier: TokenVerifier) {
  const authenticated = requireAuth(verifier);

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .get(
      "/v1/notifications",
      notificationsDocs.inbox,
      authenticated,
      queryParams(inboxQuerySchema),
      async (c) => {
        const page = await service.listInbox(c.get("auth").sub, c.req.valid("query"));
        return c.json(pageBody(page, notificationBody, cursorOf.inbox), 200, privateHeaders);
      },
    )
    .get(
      "/v1/notifications/preferences",
      notificationsDocs.getPreferences,
      authenticated,
      async (c) => {
        const preferences = await service.getPreferences(c.get("auth").sub);
        return c.json(preferencesBody(preferences), 200, privateHeaders);
      },
    )
    .put(
      "/v1/notifications/preferences",
      notificationsDocs.putPreferences,
      authenticated,
      jsonBody(preferencesSchema),
      async (c) => {
        const preferences = await service.setPreferences(c.get("auth").sub, c.req.valid("json"));
        return c.json(preferencesBody(preferences), 200, privateHeaders);
      },
    )
    .post("/v1/notifications/:id/read", notificationsDocs.markRead, authenticated, async (c) => {
      await service.markRead(c.get("auth").sub, c.req.param("id"));
      return c.body(null, 204);
    });
}
