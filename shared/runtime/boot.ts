/**
 * Bootstrap of one worker as its own process or Deno Deploy deployment: the
 * part of each `main.ts` that turns the environment into dependencies.
 *
 * Every worker's `main.ts` is two lines — read `Deno.env`, call one of these —
 * so that reading the environment stays in the entrypoints alone.
 *
 * @module
 */
import { describeError } from "../logging/describe_error.ts";
import { bootReporting } from "./reporting.ts";
import { onShutdown } from "./shutdown.ts";
import {
  type BindingTrust,
  type Fetcher,
  httpBinding,
  roundRobinBinding,
  type ServiceBinding,
} from "../bindings/service_binding.ts";
import type { Env } from "../config/parse_config.ts";
import { createLogger, type Logger } from "../logging/logger.ts";
import type { DomainDeps, PlatformDeps } from "./deps.ts";
import { parsePeerUrlLists, parsePlatformConfig, type PlatformConfig } from "./platform_config.ts";
import { openPlatformStores } from "./stores.ts";
import { type AuthCalls, createAuthentication } from "./authentication.ts";
import type { WorkerName } from "./workers.ts";
import { isEventProducer } from "../events/outbox_relay.ts";
import type { SchemaOwner } from "../stores/postgres/migrate.ts";
import { relayPath, type RunningRelay, startEventRelay } from "./event_relay.ts";
import { isInternalCall } from "../http/middleware/internal_only.ts";
import { platformProblems, Problem } from "../http/problem.ts";

/** A Deno Deploy / `deno serve` entrypoint. */
export interface Entrypoint {
  fetch(request: Request, info?: Deno.ServeHandlerInfo): Response | Promise<Response>;
}

/** The platform settings, a logger and the shared dependencies for `worker`. */
export function bootPlatform(worker: WorkerName, env: Env): {
  config: PlatformConfig;
  log: Logger;
  platform: PlatformDeps;
} {
  const config = parsePlatformConfig(env);
  const log = createLogger({ level: config.LOG_LEVEL, fields: { worker } });
  return {
    config,
    log,
    platform: {
      log,
      internalSecret: config.FITCONNECT_INTERNAL_SECRET,
      corsOrigins: config.FITCONNECT_CORS_ORIGINS,
      trustedProxies: config.FITCONNECT_TRUSTED_PROXIES,
    },
  };
}

/**
 * HTTP bindings to `peers`, from their `FITCONNECT_<NAME>_URL` variables:
 * signed for the worker's own calls (`{ internalSecret }`), or forwarding a
 * client's requests unsigned (`{ forwardsClients: true }`, the gateways).
 */
export function bootPeers<const N extends WorkerName>(
  peers: readonly N[],
  env: Env,
  trust: BindingTrust,
): Record<N, ServiceBinding> {
  const urls = parsePeerUrlLists(peers, env);
  // Several URLs: the replicas of one worker (split's --replicas), called in turn.
  return Object.fromEntries(
    peers.map((peer) => [
      peer,
      roundRobinBinding(urls[peer].map((url) => httpBinding(url, { ...trust, peer }))),
    ]),
  ) as Record<N, ServiceBinding>;
}

/**
 * Boots a domain worker: parses config, opens its stores (migrating its own
 * schema, and only its own), builds its app, and relays its own outbox if it
 * publishes events (its factory offers `outboxRelay`).
 */
export async function bootDomainWorker<const P extends WorkerName = never>(
  worker: SchemaOwner,
  env: Env,
  create: (deps: DomainDeps, peers: Record<P | "auth", ServiceBinding>) => Fetcher,
  options: {
    peers?: readonly P[];
    /** The auth worker's `authCalls` (its JWKS and API keys; shared/ cannot import it). */
    authCalls: AuthCalls;
  },
): Promise<Entrypoint> {
  const peerNames = options.peers ?? [];
  const { config, log, platform } = bootPlatform(worker, env);
  // Every domain worker needs auth (its JWKS); fail fast on any peer URL missing.
  const peers = bootPeers(["auth", ...peerNames], env, { internalSecret: platform.internalSecret });
  const stores = await openPlatformStores(
    { ...config, dataDir: config.FITCONNECT_DATA_DIR, migrate: [worker] },
    log,
  );
  onShutdown("closing stores", () => stores.close(), log);
  const app = create({
    ...platform,
    postgres: stores.postgres,
    kv: stores.kvFor(worker),
    ...createAuthentication(peers.auth, stores, { log, authCalls: options.authCalls }),
  }, peers);
  const relay = isEventProducer(app)
    ? startEventRelay({ env, producer: app, internalSecret: platform.internalSecret })
    : undefined;
  const entry = bootReporting(worker, app, { env, config, log });
  log.info("worker ready", { postgres: stores.postgres.kind, kv: stores.kvFor(worker).kind });
  return {
    fetch: (request, info) =>
      relay && isRelayCall(request, platform.internalSecret)
        ? relayNow(relay, log)
        // `info` carries the connection's address (client IP) to the app.
        : entry.fetch(request, info),
  };
}

/** A scheduler's `POST /internal/events/relay` from a peer (anything else goes to the app, whose guard answers 404). */
function isRelayCall(request: Request, internalSecret: string): boolean {
  return request.method === "POST" && new URL(request.url).pathname === relayPath &&
    isInternalCall(request, internalSecret);
}

/** One relay run for a scheduler: 200 with how many events went out, or 503 when the queue refused. */
async function relayNow(relay: RunningRelay, log: Logger): Promise<Response> {
  try {
    return Response.json({ published: await relay.runOnce() });
  } catch (error) {
    log.warn("scheduled outbox relay failed", { error: describeError(error) });
    return new Problem(
      platformProblems.SERVICE_UNAVAILABLE,
      "The queue did not take the events; they stay in the outbox for the next run.",
    ).getResponse(crypto.randomUUID());
  }
}
