/**
 * `deno task start`: the whole platform in one process on one port, with
 * embedded stores (PGlite and Deno KV under FITCONNECT_DATA_DIR, default
 * `.data/`). No account, network or server needed; data survives restarts.
 * The web app is served at `/` from FITCONNECT_WEB_DIR (default
 * `clients/web/dist`), built first when missing or stale.
 *
 * @module
 */
import * as v from "valibot";
import { millisecondsSetting, parseConfig } from "../shared/config/parse_config.ts";
import { metricsEntries, startPushing } from "./metrics/mod.ts";
import { createLogger } from "../shared/logging/logger.ts";
import { describeError } from "../shared/logging/describe_error.ts";
import { platformEntries } from "../shared/runtime/platform_config.ts";
import { randomSecret } from "../shared/runtime/secret.ts";
import { openPlatformStores } from "../shared/runtime/stores.ts";
import { openQueueKv } from "../shared/queue/deno_kv_queue.ts";
import { composeEmbedded } from "./compose.ts";
import { authEntries, authLimitsFrom, bootstrapAdmin, createPasswordHasher } from "./auth/mod.ts";
import { mailerFrom, notificationsEntries, pushFrom } from "./notifications/mod.ts";
import { paymentsConfigSchema, paymentsEntries, providerFrom } from "./payments/mod.ts";
import {
  rateLimitEntries,
  restRateLimitsFrom,
  webAppFromDirectory,
  webEntries,
} from "./gateway-rest/mod.ts";
import { webhooksEntries, webhooksOptionsFrom } from "./webhooks/mod.ts";
import { graphqlEntries, graphqlRateLimitFrom } from "./gateway-graphql/mod.ts";
import { ensureWebBuild, webDistDir } from "../clients/web/scripts/build_stamp.ts";

const embeddedSchema = v.object({
  ...platformEntries,
  ...paymentsEntries,
  ...authEntries,
  ...notificationsEntries,
  ...metricsEntries,
  ...webEntries,
  ...rateLimitEntries,
  ...webhooksEntries,

  ...graphqlEntries,
  /**
   * The shortest gap between two runs of one outbox relay: a worker's write wakes its relay at
   * once, at most this often (./events.ts); unwoken, relays look every 2 s, so the welcome shows
   * within 2 s even if a wake were missed.
   */
  FITCONNECT_RELAY_INTERVAL_MS: millisecondsSetting(200, 10),
  /** Prepended to every worker's key-value namespace: a bench sharing one Redis keeps its own keys. */
  FITCONNECT_KV_NAMESPACE: v.optional(
    v.pipe(v.string(), v.regex(/^[\w-]+$/, "letters, digits, - or _")),
  ),
});

/** Starts the embedded platform; resolves once it is listening. */
export async function startEmbedded(env: Record<string, string | undefined>) {
  // The internal secret only guards calls inside this process: a fresh one each start.
  const config = parseConfig(embeddedSchema, {
    FITCONNECT_INTERNAL_SECRET: randomSecret(),
    ...env,
  });
  const log = createLogger({ level: config.LOG_LEVEL, fields: { mode: "embedded" } });
  const started = performance.now();
  const stores = await openPlatformStores({
    ...config,
    dataDir: config.FITCONNECT_DATA_DIR,
    kvNamespace: config.FITCONNECT_KV_NAMESPACE,
  }, log);
  const hasher = createPasswordHasher({ workers: config.FITCONNECT_AUTH_HASH_WORKERS });
  // The queue keeps its own Deno KV: closing the queue closes it.
  const queueKv = await openQueueKv(config.FITCONNECT_DATA_DIR);
  const mailer = mailerFrom(config, log);
  const platform = composeEmbedded({
    hasher,
    mailer,
    push: pushFrom(config, log),
    // Deliveries are signed when they are sent, so a fresh key per start is enough.
    events: { kv: queueKv, signingKey: randomSecret() },
    auth: { signingKeys: config.FITCONNECT_AUTH_SIGNING_KEYS, limits: authLimitsFrom(config) },
    stores,
    log,
    internalSecret: config.FITCONNECT_INTERNAL_SECRET,
    corsOrigins: config.FITCONNECT_CORS_ORIGINS,
    trustedProxies: config.FITCONNECT_TRUSTED_PROXIES,
    cache: config.FITCONNECT_CACHE === "on",
    pushgatewayUrl: config.PUSHGATEWAY_URL,
    gaugeTtlMs: config.FITCONNECT_METRICS_GAUGE_TTL_MS,
    metricsToken: config.FITCONNECT_METRICS_TOKEN,
    // Stripe when its keys are set; otherwise the offline provider.
    payments: providerFrom(parseConfig(paymentsConfigSchema, env)),
    web: webAppFromDirectory(config.FITCONNECT_WEB_DIR ?? webDistDir),
    restRateLimits: restRateLimitsFrom(config),
    webhooks: webhooksOptionsFrom(config),

    graphqlRateLimit: graphqlRateLimitFrom(config),
  });
  const stopReporting = platform.reporting.start(config.FITCONNECT_METRICS_REPORT_INTERVAL_MS);
  const stopPushing = config.PUSHGATEWAY_URL
    ? startPushing(platform.pushMetrics, config.FITCONNECT_METRICS_PUSH_INTERVAL_MS, log)
    : undefined;

  const server = Deno.serve({
    port: config.PORT,
    hostname: "0.0.0.0",
    onListen: ({ port }) => {
      log.info("FitConnect is ready", {
        url: `http://localhost:${port}`,
        startupMs: Math.round(performance.now() - started),
        dataDir: config.FITCONNECT_DATA_DIR,
        postgres: stores.postgres.kind,
      });
    },
  }, (request, info) => platform.app.fetch(request, info));

  const stopRelays = platform.events.start(config.FITCONNECT_RELAY_INTERVAL_MS);
  const stopSchedules = platform.startSchedules();
  await bootstrapAdmin(platform.ensureAdmin, config, {
    generate: stores.postgres.kind === "pglite",
    log,
  });

  async function shutdown() {
    stopReporting();
    stopPushing?.();
    stopRelays();
    stopSchedules();
    await server.shutdown();
    // What was counted since the last report goes into the totals before the stores close.
    await platform.reporting.flush().catch((error) =>
      log.warn("last metrics report failed", { error: describeError(error) })
    );
    await platform.events.close();
    hasher.close();
    mailer?.close();
    await stores.close();
  }
  return { server, platform, shutdown };
}

if (import.meta.main) {
  const env = Deno.env.toObject();
  // A fresh clone (or a pull that changed the app) builds it here, once: no extra step.
  if (!env.FITCONNECT_WEB_DIR) {
    const log = createLogger({ level: env.LOG_LEVEL === "silent" ? "silent" : "info" });
    await ensureWebBuild(log);
  }
  const { shutdown } = await startEmbedded(env);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, async () => {
      // PGlite must flush to disk before exit, or the next start finds a torn data dir.
      await shutdown();
      Deno.exit(0);
    });
  }
}
