/**
 * The key-value/cache store: cache entries, rate-limit counters and idempotency
 * keys. Deno KV when embedded (in memory or on a file under `.data/`), Upstash
 * Redis in production; both pass the same contract suite (`contract.ts`).
 *
 * @module
 */

import { openDenoKvStore } from "./deno_kv.ts";
import type { KeyValueStore } from "./port.ts";
import { openUpstashStore } from "./upstash.ts";

export type { KeyValueStore } from "./port.ts";
export { createDenoKvStore, type DenoKvStoreOptions, openDenoKvStore } from "./deno_kv.ts";
export { createUpstashStore, openUpstashStore } from "./upstash.ts";

/** Where the store lives: Upstash when `upstashUrl` is set, otherwise Deno KV at `path`. */
export interface KeyValueStoreConfig {
  upstashUrl?: string;
  upstashToken?: string;
  /** Deno KV file; in memory when undefined. */
  path?: string;
  /** Namespace applied to every key. */
  prefix?: string;
}

/** Opens the store that `config` points at. */
export function openKeyValueStore(config: KeyValueStoreConfig): Promise<KeyValueStore> {
  if (config.upstashUrl) {
    if (!config.upstashToken) {
      return Promise.reject(
        new Error("Cannot open key-value store: upstashToken is required with upstashUrl"),
      );
    }
    return openUpstashStore({
      url: config.upstashUrl,
      token: config.upstashToken,
      prefix: config.prefix,
    });
  }
  return openDenoKvStore({ path: config.path, prefix: config.prefix });
}
