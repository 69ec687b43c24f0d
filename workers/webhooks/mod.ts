/**
 * The webhooks worker owns members' outbound webhook subscriptions and
 * their deliveries, signed as Standard Webhooks say. Its tables live in the
 * `webhooks` Postgres schema (./tables.ts).
 *
 * - `/v1/webhooks…` (./routes.ts): subscriptions of the caller, the signing
 *   secret shown once (on create and rotate; the rotated-out one signs for
 *   24 h more), the delivery log and replays.
 * - `POST /queue/deliveries`: the platform events it turns into deliveries
 *   (./handlers.ts, payloads in ./public_events.ts), and `WebhookAttemptDue`,
 *   one attempt of a delivery (./attempts.ts), retried with backoff through
 *   the queue (./retry_schedule.ts).
 * - Destinations must be public addresses, checked on write and before
 *   every attempt (./url_guard.ts, ./address_policy.ts).
 *
 * @module
 */
import { consumerRoutes } from "../../shared/events/consumer.ts";
import { eventProducer } from "../../shared/events/outbox_relay.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { MessageQueue } from "../../shared/queue/port.ts";
import type { DeliveryVerifier } from "../../shared/queue/signature.ts";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { createWebhookHandlers } from "./handlers.ts";
import { createWebhookMetrics } from "./metrics.ts";
import {
  defaultAttemptTimeoutMs,
  defaultDisableAfter,
  defaultRetryScheduleMs,
} from "./retry_schedule.ts";
import { createWebhooksRoutes } from "./routes.ts";
import { createWebhookSender } from "./sender.ts";
import { createWebhooksService } from "./service.ts";
import { erasedUsers, outbox, processedMessages } from "./tables.ts";
import { createUrlGuard } from "./url_guard.ts";
import type { WebhooksOptions } from "./config.ts";

export { webhooksEntries, type WebhooksOptions, webhooksOptionsFrom } from "./config.ts";

/** What the webhooks worker needs. */
export type WebhooksDeps = DomainDeps & {
  /** Checks the queue's signature on every delivery. */
  deliveries: DeliveryVerifier;
  /** Where later attempts are published with their backoff delay (the platform's queue). */
  queue: MessageQueue;
  webhooks?: WebhooksOptions;
};

/** The webhooks worker's Hono app; no side effects until it serves a request. */
export function createWebhooksWorker(deps: WebhooksDeps) {
  const metrics = createWorkerMetrics("webhooks");
  const now = deps.now ?? (() => new Date());
  const db = deps.postgres.db;
  const options = deps.webhooks ?? {};
  const log = deps.log.with({ worker: "webhooks" });
  const guard = createUrlGuard({
    allowLoopback: options.allowLoopback ?? false,
    resolve: options.resolve,
  });
  const service = createWebhooksService({ db, guard, now });
  const handlers = createWebhookHandlers({
    queue: deps.queue,
    send: createWebhookSender({
      guard,
      timeoutMs: options.attemptTimeoutMs ?? defaultAttemptTimeoutMs,
    }),
    metrics: createWebhookMetrics(metrics.registry),
    retryScheduleMs: options.retryScheduleMs ?? defaultRetryScheduleMs,
    disableAfter: options.disableAfter ?? defaultDisableAfter,
    now,
    log,
  });
  const app = createDomainApp("webhooks", deps, metrics)
    .route("/", createWebhooksRoutes(service, deps.verifier, now))
    .route(
      "/",
      consumerRoutes({
        worker: "webhooks",
        db,
        processed: processedMessages,
        verifier: deps.deliveries,
        handlers,
        erasures: { table: erasedUsers },
        log,
        registry: metrics.registry,
        now,
      }),
    );
  // WebhookAttemptDue (to itself) and WebhookDisabled (to notifications) go out from here.
  return Object.assign(app, eventProducer({ db, table: outbox, log, registry: metrics.registry }));
}

/** The app's type, for typed clients (`hc<WebhooksApp>`). */
export type WebhooksApp = ReturnType<typeof createWebhooksWorker>;
