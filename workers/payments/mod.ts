/**
 * The payments worker owns membership plans, payments through the provider
 * (Stripe) and memberships. Its tables live in the `payments` Postgres
 * schema (./tables.ts); the plans are seeded by migration.
 *
 * - `GET /v1/plans` (public).
 * - `POST /v1/payments` (idempotent by `Idempotency-Key`, ./idempotency.ts):
 *   reserves the items through the inventory worker, prices them on the
 *   server, creates the PaymentIntent (./service.ts); bounded per member by
 *   open payments, the hold and a rate limit (./limits.ts).
 * - `POST /v1/payments/:id/confirm`, `GET /v1/payments/:id` and `GET /v1/payments` (own only,
 *   newest first, keyset pages),
 *   `GET /v1/me/membership`, `POST /v1/admin/payments/:id/refund` (admins).
 * - `POST /webhooks/stripe`: the provider's outcomes (./webhooks.ts), which
 *   sell the stock, grant memberships and write `PaymentSucceeded`,
 *   `PaymentFailed` and `PaymentRefunded` to the outbox (./settle.ts).
 * - `/queue/deliveries` (with `deliveries`): `UserDeleted` anonymises the
 *   member's payments, membership and idempotency keys (the financial
 *   records stay, without the person).
 *
 * The provider is Stripe (./providers/stripe.ts) when a secret key is given,
 * else the offline provider (./providers/offline.ts), which sends its
 * outcomes as signed webhooks to this worker's own route through `self`.
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { consumerRoutes, on } from "../../shared/events/consumer.ts";
import { UserDeleted } from "../auth/contracts.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { DeliveryVerifier } from "../../shared/queue/signature.ts";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { checkoutRateLimiter } from "./checkout_rate_limit.ts";
import { createIdempotencyRepository, keyLifetimeMs, staleClaimMs } from "./idempotency.ts";
import { inventoryOverBinding } from "./inventory_port.ts";
import { type CheckoutLimits, defaultCheckoutLimits } from "./limits.ts";
import { createPaymentsMetrics } from "./metrics.ts";
import { openPaymentsGate } from "./open_payments.ts";
import { createOfflineProvider } from "./providers/offline.ts";
import { createWebhookDispatcher, type WebhookDispatcher } from "./providers/offline_delivery.ts";
import type { PaymentProvider } from "./providers/port.ts";
import { createStripeProvider } from "./providers/stripe.ts";
import type { PaymentsProviderOptions } from "./config.ts";
import { createWebhookVerifier } from "./providers/webhook_signature.ts";
import { createPaymentsRepository } from "./repository.ts";
import { createPaymentsRoutes } from "./routes.ts";
import { createPaymentsService } from "./service.ts";
import { createSettlement } from "./settle.ts";
import { outbox, processedMessages } from "./tables.ts";
import { eventProducer } from "../../shared/events/outbox_relay.ts";
import { createWebhookService } from "./webhooks.ts";

// What the composition (workers/compose.ts, embedded.ts) wires around the factory.
export {
  paymentsConfigSchema,
  paymentsEntries,
  type PaymentsProviderOptions,
  providerFrom,
} from "./config.ts";
export { startIdempotencyPruning } from "./pruning.ts";

/** What the payments worker needs. */
export type PaymentsDeps = DomainDeps & {
  /** The inventory worker: reservations are made, sold and released through it. */
  inventory: ServiceBinding;
  /** This worker itself: where the offline provider delivers its webhooks. */
  self?: ServiceBinding;
  provider: PaymentsProviderOptions;
  /** Verifies queue deliveries; with it the worker consumes `UserDeleted`. */
  deliveries?: DeliveryVerifier;
  /** Per-member checkout bounds; {@linkcode defaultCheckoutLimits} for what is not given. */
  limits?: Partial<CheckoutLimits>;
};

/** A value no user id can be: what replaces a closed account's id on its records. */
export function tombstoneId(): string {
  return `deleted-user:${crypto.randomUUID()}`;
}

/**
 * The payments worker's Hono app, plus what a composition root runs on a
 * schedule: `deliverWebhooks` (the offline provider's pending events, after
 * a restart) and `pruneIdempotencyKeys` (keys older than a day). No side
 * effects until it serves a request.
 */
export function createPaymentsWorker(deps: PaymentsDeps) {
  const worker = "payments";
  const log = deps.log.with({ worker });
  const now = deps.now ?? (() => new Date());
  const metrics = createWorkerMetrics(worker);
  const paymentsMetrics = createPaymentsMetrics(metrics.registry);
  const db = deps.postgres.db;
  const repository = createPaymentsRepository(db);
  const inventory = inventoryOverBinding(deps.inventory);

  let dispatcher: WebhookDispatcher | undefined;
  let provider: PaymentProvider;
  if (deps.provider.stripe) {
    provider = createStripeProvider(deps.provider.stripe);
  } else {
    if (!deps.self) throw new Error("Cannot create the offline provider: `self` is missing");
    const sending = createWebhookDispatcher({
      db,
      endpoint: deps.self,
      secret: deps.provider.webhookSecret,
      now,
      log,
      retryDelaysMs: deps.provider.webhookRetryDelaysMs,
    });
    dispatcher = sending;
    provider = createOfflineProvider({ db, now, onEvent: () => sending.kick() });
  }

  const settlement = createSettlement({
    repository,
    inventory,
    provider,
    metrics: paymentsMetrics,
    now,
    log,
  });
  const limits = { ...defaultCheckoutLimits, ...deps.limits };
  const service = createPaymentsService({
    repository,
    idempotency: createIdempotencyRepository(db),
    provider,
    inventory,
    settlement,
    metrics: paymentsMetrics,
    openPayments: openPaymentsGate({
      max: limits.maxOpenPayments,
      holdMs: limits.holdSeconds * 1000,
      staleClaimMs,
    }),
    checkoutRate: checkoutRateLimiter(deps.kv, limits.rate),
    holdSeconds: limits.holdSeconds,
    now,
    log,
  });
  const webhooks = createWebhookService({
    verifier: createWebhookVerifier(deps.provider.webhookSecret),
    repository,
    settlement,
    metrics: paymentsMetrics,
    now,
    log,
  });

  const app = createDomainApp(worker, deps, metrics)
    .route("/", createPaymentsRoutes(service, webhooks, deps.verifier));
  if (deps.deliveries) {
    app.route(
      "/",
      consumerRoutes({
        worker,
        db,
        processed: processedMessages,
        verifier: deps.deliveries,
        log,
        registry: metrics.registry,
        handlers: [
          // Inside the delivery's transaction (one PGlite connection).
          on(UserDeleted, async ({ userId }, tx) => {
            await createPaymentsRepository(tx).anonymise(userId, tombstoneId());
          }),
        ],
      }),
    );
  }
  return Object.assign(app, {
    // PaymentSucceeded, PaymentFailed and PaymentRefunded go out from here.
    ...eventProducer({ db, table: outbox, log, registry: metrics.registry }),
    /** Sends the offline provider's due webhook events (0 with Stripe). */
    deliverWebhooks: () => dispatcher?.deliverDue() ?? Promise.resolve(0),
    /** Deletes idempotency keys older than a day (Stripe keeps them 24 hours). */
    pruneIdempotencyKeys: () =>
      createIdempotencyRepository(db).prune(new Date(now().getTime() - keyLifetimeMs)),
    /** Stops the offline provider's retry timer. */
    stop: () => dispatcher?.stop(),
  });
}

/** The app's type, for typed clients (`hc<PaymentsApp>`). */
export type PaymentsApp = ReturnType<typeof createPaymentsWorker>;
