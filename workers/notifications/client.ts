/**
 * The typed client other workers use to reach the notifications worker, e.g.
 * the GraphQL gateway reading a member's inbox with the member's own token:
 *
 * ```ts
 * const notifications = createNotificationsClient(upstreams.notifications, { requestId, headers });
 * await notifications.v1.notifications.$get({ query: { unread: "true", limit: "20" } }); // 200 page
 * await notifications.v1.notifications[":id"].read.$post({ param: { id: encodeURIComponent(id) } });
 * ```
 *
 * @module
 */
import { workerClientFactory } from "../../shared/bindings/worker_client.ts";
import type { NotificationsApp } from "./mod.ts";

/** A typed client of the notifications worker behind a binding, carrying the caller's request id. */
export const createNotificationsClient = workerClientFactory<NotificationsApp>();

/** The notifications worker's client type. */
export type NotificationsClient = ReturnType<typeof createNotificationsClient>;
