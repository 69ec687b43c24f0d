/**
 * The notifications worker owns each member's inbox and notification
 * preferences, and their delivery. Its tables live in the `notifications`
 * Postgres schema (./tables.ts).
 *
 * - `GET /v1/notifications` (newest first, keyset pages, `unread` filter),
 *   `POST /v1/notifications/:id/read`, `GET`/`PUT /v1/notifications/preferences`:
 *   a member's own only (./routes.ts).
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
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import type { DeliveryVerifier } from "../../shared/queue/signature.ts";
import { consumerRoutes } from "../../shared/events/consumer.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { createAdminRecipients } from "./admins.ts";
import { createNotificationHandlers } from "./handlers.ts";
import type { Mailer } from "./mailer.ts";
import { createNotificationsRepository } from "./repository.ts";
import { createNotificationsRoutes } from "./routes.ts";
import { createNotificationsService } from "./service.ts";
import { erasedUsers, processedMessages } from "./tables.ts";

export type { Email, Mailer } from "./mailer.ts";
// What the composition (workers/embedded.ts) wires around the factory.
export { mailerFrom, notificationsEntries } from "./config.ts";
export { shouldEmail, withinQuietHours } from "./channels.ts";

/** What the notifications worker needs. */
export type NotificationsDeps = DomainDeps & {
  /** Checks the queue's signature on `POST /queue/deliveries`. */
  deliveries: DeliveryVerifier;
  /** Sends email notifications; without one, none are emailed. */
  mailer?: Mailer;
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
  const service = createNotificationsService({
    repository: createNotificationsRepository(deps.postgres.db),
    now,
  });
  return createDomainApp(worker, deps, metrics)
    .route("/", createNotificationsRoutes(service, deps.verifier))
    .route(
      "/",
      consumerRoutes({
        worker,
        db: deps.postgres.db,
        processed: processedMessages,
        verifier: admins.verifier(deps.deliveries),
        handlers: createNotificationHandlers({ now, log, mailer: deps.mailer, admins }),
        // A late event about an erased member notifies no one.
        erasures: { table: erasedUsers },
        log,
        registry: metrics.registry,
        now,
      }),
    );
}

/** The app's type, for typed clients (`hc<NotificationsApp>`). */
export type NotificationsApp = ReturnType<typeof createNotificationsWorker>;
