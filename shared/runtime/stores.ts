/**
 * Opens the platform's stores once, at the composition root, from the
 * platform settings: Neon or PGlite for Postgres, Upstash or Deno KV for the
 * key-value store.
 *
 * One connection serves every worker in a process; each worker gets its own
 * key-value namespace so their keys never collide.
 *
 * Every key-value store leaves here behind a deadline and a circuit breaker
 * (shared/stores/kv/resilient.ts), one per connection: an outage of the store
 * is a fast StoreUnavailableError (503), never seconds of waiting.
 *
 * @module
 */
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "../logging/logger.ts";
import { createDenoKvStore } from "../stores/kv/deno_kv.ts";
import type { KeyValueStore } from "../stores/kv/port.ts";
import { createKeyValueGuard, guardKeyValueStore } from "../stores/kv/resilient.ts";
import { createUpstashStore } from "../stores/kv/upstash.ts";
import { createUpstashClient } from "../stores/kv/upstash_client.ts";
import { openPostgres } from "../stores/postgres/mod.ts";
import type { PostgresStore } from "../stores/postgres/port.ts";
import type { SchemaOwner } from "../stores/postgres/migrate.ts";

/** What the stores are opened from (a subset of the platform config). */
export interface StoresConfig {
  DATABASE_URL?: string;
  NEON_WS_PROXY?: string;
  UPSTASH_REDIS_REST_URL?: string;
  UPSTASH_REDIS_REST_TOKEN?: string;
  /** Embedded data directory; `undefined` keeps everything in memory (tests). */
  dataDir?: string;
  /** Prepended to every worker's key-value namespace (tests sharing one Redis). */
  kvNamespace?: string;
  /** The Deno KV file, when it is not `${dataDir}/kv.sqlite3` (split shares one). */
  FITCONNECT_KV_PATH?: string;
  /** The workers whose schemas to migrate; all of them by default (embedded hosts every worker). */
  migrate?: readonly SchemaOwner[];
}

/** The open stores of one process. */
export interface PlatformStores {
  postgres: PostgresStore;
  /** The key-value store of one worker: the shared connection under the worker's namespace. */
  kvFor(worker: string): KeyValueStore;
  close(): Promise<void>;
}

/** The key-value stores of a process, by worker namespace. */
export type KeyValueStores = Pick<PlatformStores, "kvFor" | "close">;

/** Opens Postgres (and applies pending migrations) and the key-value store. */
export async function openPlatformStores(
  config: StoresConfig,
  log: Logger,
): Promise<PlatformStores> {
  const postgres = await openPostgres(
    {
      databaseUrl: config.DATABASE_URL,
      neonWsProxy: config.NEON_WS_PROXY,
      dataDir: config.dataDir,
    },
    {
      migrate: config.migrate,
      onMigrated: (applied) => {
        if (applied.length > 0) log.info("migrations applied", { count: applied.length });
      },
    },
  );
  const kv = await openKeyValueStores(config, log);
  return {
    postgres,
    kvFor: kv.kvFor,
    async close() {
      await kv.close();
      await postgres.close();
    },
  };
}

/**
 * Opens the key-value store alone (Upstash, or Deno KV), for workers without
 * tables; `log` hears when the store becomes unreachable and when it is back.
 */
export async function openKeyValueStores(
  config: StoresConfig,
  log?: Logger,
): Promise<KeyValueStores> {
  const prefix = (worker: string) =>
    config.kvNamespace ? `${config.kvNamespace}:${worker}` : worker;
  if (config.UPSTASH_REDIS_REST_URL) {
    const redis = createUpstashClient({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN ?? "",
    });
    const guard = createKeyValueGuard({ kind: "upstash", log });
    return {
      kvFor: (worker) =>
        guardKeyValueStore(createUpstashStore(redis, { prefix: prefix(worker) }), guard),
      close: () => Promise.resolve(),
    };
  }
  const kvPath = config.FITCONNECT_KV_PATH ??
    (config.dataDir === undefined ? undefined : `${config.dataDir}/kv.sqlite3`);
  if (kvPath !== undefined) await mkdir(dirname(kvPath), { recursive: true });
  const kv = await Deno.openKv(kvPath ?? ":memory:");
  const guard = createKeyValueGuard({ kind: "deno-kv", log });
  return {
    kvFor: (worker) => guardKeyValueStore(createDenoKvStore(kv, { prefix: prefix(worker) }), guard),
    close() {
      kv.close();
      return Promise.resolve();
    },
  };
}
