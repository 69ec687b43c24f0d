/**
 * The notifications worker owns each user's inbox and notification preferences, and their delivery.
 * Its tables live in the `notifications` Postgres schema (./tables.ts).
 *
 * @module
 */
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";

/** What the notifications worker needs. */
export type NotificationsDeps = DomainDeps;

/** The notifications worker's Hono app; no side effects until it serves a request. */
export function createNotificationsWorker(deps: NotificationsDeps) {
  return createDomainApp("notifications", deps);
}

/** The app's type, for typed clients (`hc<NotificationsApp>`). */
export type NotificationsApp = ReturnType<typeof createNotificationsWorker>;
