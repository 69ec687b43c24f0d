/**
 * The embedded composition: every worker in one process, wired with
 * in-process service bindings. Used by `deno task start` and by the tests.
 *
 * Bindings resolve their target lazily, so workers that call each other
 * (the gateway calls metrics, metrics scrapes the gateway) can be built in
 * any order. A binding to a producer wakes its outbox relay when the worker
 * has answered a write (see ./events.ts): in-process, that is when its
 * events can be there.
 *
 * @module
 */
import {
  type BindingOptions,
  type Fetcher,
  inProcessBinding,
  type ServiceBinding,
} from "../shared/bindings/service_binding.ts";
import type { Logger } from "../shared/logging/logger.ts";
import type { RateLimit } from "../shared/http/rate_limit.ts";
import type { PlatformDeps } from "../shared/runtime/deps.ts";
import type { PlatformStores } from "../shared/runtime/stores.ts";
import { createAuthentication } from "../shared/runtime/authentication.ts";
import { randomSecret } from "../shared/runtime/secret.ts";
import { domainWorkerNames, type WorkerName, workerNames } from "../shared/runtime/workers.ts";
import { createAnalyticsWorker } from "./analytics/mod.ts";
import { type AuthDeps, createAuthWorker, type PasswordHasher } from "./auth/mod.ts";
import { createGatewayGraphqlWorker, type QueryLimits } from "./gateway-graphql/mod.ts";
import {
  createGatewayRestWorker,
  type RestRateLimits,
  type WebAppFiles,
} from "./gateway-rest/mod.ts";
import { authCalls } from "./auth/client.ts";
import {
  createInventoryWorker,
  expirySweepIntervalMs,
  startExpirySweeper,
} from "./inventory/mod.ts";
import { createMetricsWorker } from "./metrics/mod.ts";
import {
  createNotificationsWorker,
  type Mailer,
  type PushSender,
  receiptCheckIntervalMs,
  startReceiptChecks,
} from "./notifications/mod.ts";
import {
  createPaymentsWorker,
  type PaymentsProviderOptions,
  startIdempotencyPruning,
} from "./payments/mod.ts";
import { createUsersWorker } from "./users/mod.ts";
import { createWorkoutsWorker } from "./workouts/mod.ts";
import { createWebhooksWorker, type WebhooksOptions } from "./webhooks/mod.ts";
import {
  createEmbeddedEvents,
  type EmbeddedEvents,
  type RelayWake,
  wakingOnWrites,
} from "./events.ts";
import type { EventProducer } from "../shared/events/outbox_relay.ts";
import { consumerWorkers } from "../shared/events/subscriptions.ts";
import { createReporting, type Reporting } from "../shared/metrics/reporting.ts";
import { sendReportsTo } from "../shared/metrics/report_route.ts";
import { processMetrics } from "../shared/metrics/process_metrics.ts";

/** What the embedded platform is built from. */
export interface EmbeddedOptions {
  stores: PlatformStores;
  log: Logger;
  internalSecret: string;
  corsOrigins?: string[];
  pushgatewayUrl?: string;
  /** How long an isolate's gauges outlive its last report (the metrics worker's default otherwise). */
  gaugeTtlMs?: number;
  /** Deadlines and breakers of the bindings between workers (shared/bindings defaults otherwise). */
  bindings?: Pick<BindingOptions, "timeoutMs" | "breaker">;
  /** The bearer token that opens `/metrics` (not served without one). */
  metricsToken?: string;
  /** GraphQL introspection (on in the embedded default: it serves developers). */
  introspection?: boolean;
  /** GraphQL depth and cost limits (the gateway's defaults otherwise). */
  graphqlLimits?: QueryLimits;
  /** Requests per client address to `/graphql` (300 a minute unless given). */
  graphqlRateLimit?: RateLimit;
  /** Proxies whose X-Forwarded-For the gateway believes. */
  trustedProxies?: string[];
  /** The clock of every worker (tests move it). */
  now?: () => Date;
  /** Argon2id hashing for the auth worker (the composition root owns its worker pool). */
  hasher: PasswordHasher;
  /** The key-value read caches (on by default; off measures the cold path). */
  cache?: boolean;
  /** Sends email notifications (none when absent). */
  mailer?: Mailer;
  /** Sends push notifications through Expo (none when absent). */
  push?: PushSender;
  /** The event backbone: the queue's own Deno KV and the key deliveries are signed with. */
  events: { kv: Deno.Kv; signingKey: string; backoffMs?: number[] };
  /** Auth settings: configured signing keys, rate limits. */
  auth?: Pick<AuthDeps, "signingKeys" | "limits">;
  /** The payment provider (offline, with a fresh webhook secret, unless given). */
  payments?: PaymentsProviderOptions;
  /** The built web app the REST gateway serves at `/` (none: the API alone). */
  web?: WebAppFiles;
  /** The REST gateway's rate limits (workers/gateway-rest/rate_limits.ts defaults otherwise). */
  restRateLimits?: RestRateLimits;
  /** Outbound webhooks: loopback allowed, retry schedule, disabling (workers/webhooks defaults otherwise). */
  webhooks?: WebhooksOptions;
}

type AuthWorker = ReturnType<typeof createAuthWorker>;

/** The embedded platform: the public app plus each worker, by name. */
export interface EmbeddedPlatform {
  /** The public entry: the REST gateway, which also passes `/graphql` on. */
  app: Fetcher;
  workers: Record<WorkerName, Fetcher>;
  /** Pushes the metric totals to the Pushgateway (a no-op without one). */
  pushMetrics(): Promise<void>;
  /** Every worker's metrics reporting, as on their own (each isolate reports its deltas). */
  reporting: {
    /** Reports every `intervalMs`; returns the function that stops it. */
    start(intervalMs: number): () => void;
    /** Reports now (at shutdown). */
    flush(): Promise<void>;
  };
  /** Creates the first admin (see workers/auth/service.ts `ensureAdmin`). */
  ensureAdmin: AuthWorker["ensureAdmin"];
  /** The queue, the outbox relays and the consumers' verifiers (start the relays yourself). */
  events: EmbeddedEvents;
  /**
   * Starts reservation expiry, idempotency-key pruning and push receipt checks;
   * returns the function that stops them and the offline provider's retries.
   */
  startSchedules(): () => void;
}

/** Builds every worker and wires them together in this process. */
export function composeEmbedded(options: EmbeddedOptions): EmbeddedPlatform {
  const { stores } = options;
  const workers = {} as Record<WorkerName, Fetcher>;
  // One signed binding per worker (so one breaker per peer), for the workers' own calls.
  const signed = new Map<WorkerName, ServiceBinding>();
  // Each producer's relay wake, by worker (set as the producers are built).
  const wakes = new Map<WorkerName, RelayWake>();
  // Looks the worker up on every call (tests swap a worker for a failing one).
  const target = (name: WorkerName) => wakingOnWrites(() => workers[name], () => wakes.get(name));
  const bind = (name: WorkerName): ServiceBinding => {
    let binding = signed.get(name);
    if (!binding) {
      binding = inProcessBinding(target(name), {
        ...options.bindings,
        internalSecret: options.internalSecret,
        peer: name,
      });
      signed.set(name, binding);
    }
    return binding;
  };
  // What a gateway forwards for a client: never signed (see shared/bindings).
  const forwardTo = (name: WorkerName): ServiceBinding =>
    inProcessBinding(target(name), {
      ...options.bindings,
      forwardsClients: true,
      peer: name,
    });
  const peers = <N extends WorkerName>(names: readonly N[], binding = bind) =>
    Object.fromEntries(names.map((name) => [name, binding(name)])) as Record<N, ServiceBinding>;

  const platform: PlatformDeps = {
    log: options.log,
    internalSecret: options.internalSecret,
    corsOrigins: options.corsOrigins,
    trustedProxies: options.trustedProxies,
    now: options.now,
  };
  const authentication = createAuthentication(bind("auth"), stores, {
    now: options.now,
    log: options.log,
    authCalls,
  });
  const events = createEmbeddedEvents({
    ...options.events,
    consumers: peers(consumerWorkers),
    log: options.log,
  });
  const domain = (name: WorkerName) => ({
    ...platform,
    ...authentication,
    postgres: stores.postgres,
    kv: stores.kvFor(name),
  });

  // Each producer relays its own outbox, and only its own, through the backbone's queue.
  const producing = <W extends EventProducer>(name: WorkerName, worker: W): W => {
    wakes.set(name, events.relay(worker));
    return worker;
  };
  const auth = producing(
    "auth",
    createAuthWorker({
      ...domain("auth"),
      ...options.auth,
      users: bind("users"),
      hasher: options.hasher,
    }),
  );
  workers.auth = auth;
  workers.users = producing("users", createUsersWorker({ ...domain("users"), auth: bind("auth") }));
  workers.workouts = producing(
    "workouts",
    createWorkoutsWorker({
      ...domain("workouts"),
      cache: { enabled: options.cache ?? true },
      deliveries: events.deliveries("workouts"),
    }),
  );
  workers.notifications = producing(
    "notifications",
    createNotificationsWorker({
      ...domain("notifications"),
      deliveries: events.deliveries("notifications"),
      mailer: options.mailer,
      push: options.push,
      auth: bind("auth"),
    }),
  );
  workers.analytics = producing(
    "analytics",
    createAnalyticsWorker({
      ...domain("analytics"),
      deliveries: events.deliveries("analytics"),
    }),
  );
  workers.inventory = producing(
    "inventory",
    createInventoryWorker({
      ...domain("inventory"),
      cache: { enabled: options.cache ?? true },
      deliveries: events.deliveries("inventory"),
    }),
  );
  const payments = producing(
    "payments",
    createPaymentsWorker({
      ...domain("payments"),
      inventory: bind("inventory"),
      // The offline provider delivers its webhooks to the payments worker's own route.
      self: bind("payments"),
      provider: options.payments ?? { webhookSecret: `whsec_${randomSecret()}` },
      deliveries: events.deliveries("payments"),
    }),
  );
  workers.payments = payments;
  workers.webhooks = producing(
    "webhooks",
    createWebhooksWorker({
      ...domain("webhooks"),
      deliveries: events.deliveries("webhooks"),
      // Later attempts wait in the same queue the events travel by.
      queue: events.queue,
      webhooks: options.webhooks,
    }),
  );
  const metrics = createMetricsWorker({
    ...platform,
    targets: peers(workerNames.filter((name) => name !== "metrics")),
    self: bind("metrics"),
    kv: stores.kvFor("metrics"),
    pushgatewayUrl: options.pushgatewayUrl,
    gaugeTtlMs: options.gaugeTtlMs,
    metricsToken: options.metricsToken,
    admin: { deadLetters: events.queue.deadLetters, verifier: authentication.verifier },
  });
  workers.metrics = metrics;
  const domainPeers = peers(domainWorkerNames);
  workers["gateway-graphql"] = createGatewayGraphqlWorker({
    ...platform,
    peers: domainPeers,
    upstreams: peers(domainWorkerNames, forwardTo),
    introspection: options.introspection ?? true,
    limits: options.graphqlLimits,
    kv: stores.kvFor("gateway-graphql"),
    rateLimit: options.graphqlRateLimit,
  });
  workers["gateway-rest"] = createGatewayRestWorker({
    ...platform,
    peers: domainPeers,
    upstreams: peers([...domainWorkerNames, "gateway-graphql"], forwardTo),
    web: options.web,
    verifier: authentication.verifier,
    kv: stores.kvFor("gateway-rest"),
    rateLimits: options.restRateLimits,
  });

  // Every worker reports through the same route as on its own; this one process's
  // runtime metrics (and the queue's counters) go with the metrics worker's reports.
  const reportings: Reporting[] = workerNames.map((name) => {
    const reporting = createReporting({
      worker: name,
      app: workers[name],
      registries: name === "metrics"
        ? [events.queue.metrics.registry, processMetrics("embedded")]
        : [],
      send: sendReportsTo(bind("metrics")),
      log: options.log.with({ worker: name }),
    });
    return reporting;
  });

  return {
    app: workers["gateway-rest"],
    workers,
    pushMetrics: () => metrics.push(),
    reporting: {
      start(intervalMs) {
        const stops = reportings.map((reporting) => reporting.start(intervalMs));
        return () => stops.forEach((stop) => stop());
      },
      async flush() {
        await Promise.all(reportings.map(({ reporter }) => reporter.flush()));
      },
    },
    ensureAdmin: auth.ensureAdmin,
    events,
    startSchedules() {
      const stops = [
        startExpirySweeper(bind("inventory"), {
          intervalMs: expirySweepIntervalMs,
          log: options.log,
        }),
        startIdempotencyPruning(payments, options.log),
        startReceiptChecks(bind("notifications"), {
          intervalMs: receiptCheckIntervalMs,
          log: options.log,
        }),
      ];
      return () => {
        stops.forEach((stop) => stop());
        payments.stop();
      };
    },
  };
}
