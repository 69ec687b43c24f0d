/**
 * The notifications worker owns each member's inbox and notification
 * preferences, and their delivery. Its tables live in the `notifications`
 * Postgres schema (./tables.ts).
 *
 * - `GET /v1/notifications` (newest first, keyset pages, `unread` filter),
 *   `POST /v1/notifications/:id/read`, `GET`/`PUT /v1/notifications/preferences`:
 *   a member's own only (./routes.ts).
 * - `POST`/`GET /v1/me/devices`, `DELETE /v1/me/devices/:id`: the Expo push
 *   tokens of a member's phones (./device_routes.ts).
 * - `POST /queue/deliveries`: signed deliveries of integration events from the
 *   queue, processed once each (shared/events/consumer.ts) by ./handlers.ts —
 *   a welcome after `UserRegistered`, a personal-record notification after a
 *   `SessionLogged` that broke records, `report_ready` after `ReportReady`,
 *   `payment_succeeded` / `payment_failed` / `payment_refunded` to the payer,
 *   `low_stock` to every admin after `StockLow` (admins listed by the auth
 *   worker, ./admins.ts); `ProfileUpdated` keeps the timezone quiet hours
 *   are read in; `UserDeleted` erases the member's inbox and preferences;
 *   `webhook_disabled` to the owner of a webhook the platform disabled.
 * - Email through the `Mailer` port when given one, by the rules of ./channels.ts.
 * - Push through the `PushSender` port (Expo, ./expo_push.ts) when given one:
 *   a `PushRequested` to itself through the queue (./push_channel.ts), and
 *   `POST /internal/notifications/push-receipts` reading Expo's receipts
 *   (./push_receipts.ts).
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import type { DeliveryVerifier } from "../../shared/queue/signature.ts";
import { consumerRoutes } from "../../shared/events/consumer.ts";
import { Counter } from "prom-client";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { createAdminRecipients } from "./admins.ts";
import { createNotificationHandlers } from "./handlers.ts";
import type { Mailer } from "./mailer.ts";
import { createNotificationsRepository } from "./repository.ts";
import { createNotificationsRoutes } from "./routes.ts";
import { createNotificationsService } from "./service.ts";
import { createDeviceRoutes } from "./device_routes.ts";
import { createDevicesRepository } from "./devices_repository.ts";
import { createDevicesService } from "./devices.ts";
import { erasedUsers, outbox, processedMessages } from "./tables.ts";
import { eventProducer } from "../../shared/events/outbox_relay.ts";
import type { PushSender } from "./push.ts";
import { pushReceiptRoutes } from "./push_routes.ts";

export type { Email, Mailer } from "./mailer.ts";
export type { PushSender } from "./push.ts";
// What the composition (workers/embedded.ts) wires around the factory.
export { mailerFrom, notificationsEntries, pushFrom } from "./config.ts";
export { receiptCheckIntervalMs, startReceiptChecks } from "./push_receipts.ts";

/** What the notifications worker needs. */
export type NotificationsDeps = DomainDeps & {
  /** Checks the queue's signature on `POST /queue/deliveries`. */
  deliveries: DeliveryVerifier;
  /** Sends email notifications; without one, none are emailed. */
  mailer?: Mailer;
  /** Sends push notifications (Expo); without one, none are pushed. */
  push?: PushSender;
  /** The auth worker, which knows the admins; without it, `StockLow` deliveries fail. */
  auth?: ServiceBinding;
};

/** The notifications worker's Hono app; no side effects until it serves a request. */
export function createNotificationsWorker(deps: NotificationsDeps) {
  const worker = "notifications";
  const metrics = createWorkerMetrics(worker);
  const now = deps.now ?? (() => new Date());
  const log = deps.log.with({ worker });
  const admins = createAdminRecipients(deps.auth, log);
  const db = deps.postgres.db;
  // Counted when written or mailed: a delivery retried after a rollback may count twice.
  const sent = new Counter({
    name: "fitconnect_notifications_sent_total",
    help:
      "Notifications put in an inbox (in_app), handed to the mailer (email) or to Expo (push), by type.",
    labelNames: ["channel", "type"] as const,
    registers: [metrics.registry],
  });
  const service = createNotificationsService({
    repository: createNotificationsRepository(db),
    now,
  });
  const devices = createDevicesService({ repository: createDevicesRepository(db), now });
  const app = createDomainApp(worker, deps, metrics)
    .route("/", createNotificationsRoutes(service, deps.verifier))
    .route("/", createDeviceRoutes(devices, deps.verifier))
    .route("/", pushReceiptRoutes({ db, push: deps.push, now, log }))
    .route(
      "/",
      consumerRoutes({
        worker,
        db,
        processed: processedMessages,
        verifier: admins.verifier(deps.deliveries),
        handlers: createNotificationHandlers({
          now,
          log,
          mailer: deps.mailer,
          push: deps.push,
          admins,
          sent: (channel, type) => sent.inc({ channel, type }),
        }),
        // A late event about an erased member notifies no one.
        erasures: { table: erasedUsers },
        log,
        registry: metrics.registry,
        now,
      }),
    );
  // PushRequested (to itself) goes out from here.
  return Object.assign(app, eventProducer({ db, table: outbox, log, registry: metrics.registry }));
}

/** The app's type, for typed clients (`hc<NotificationsApp>`). */
export type NotificationsApp = ReturnType<typeof createNotificationsWorker>;
