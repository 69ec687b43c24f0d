import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { checkTtl, type KeyValueStore } from "./port.ts";
import { denoKvHash } from "./deno_kv_hash.ts";
import { waitingOutLocks } from "./deno_kv_locks.ts";

/** The most keys one `Deno.Kv.getMany` call accepts. */
const denoKvGetManyLimit = 10;

/** What is stored under each key: Deno KV's `expireIn` only reclaims space eventually, so reads check `expiresAt`. */
interface Stored {
  value: unknown;
  /** Epoch milliseconds; null for no expiry. */
  expiresAt: number | null;
}

export interface DenoKvStoreOptions {
  /** Namespace applied to every key. */
  prefix?: string;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
}

/**
 * A key-value store on an open Deno KV. The caller keeps ownership of `kv`:
 * `close()` leaves it open, so one Deno KV can serve several prefixes. Calls
 * wait out another process's write lock on the same file (./deno_kv_locks.ts).
 */
export function createDenoKvStore(kv: Deno.Kv, options: DenoKvStoreOptions = {}): KeyValueStore {
  const now = options.now ?? Date.now;
  // A fixed root keeps cache keys apart from other users of the same Deno KV (the queue).
  const keyOf = (key: string): Deno.KvKey => ["kv", options.prefix ?? "", key];

  function isLive(entry: Deno.KvEntryMaybe<Stored>): entry is Deno.KvEntry<Stored> {
    return entry.value !== null &&
      (entry.value.expiresAt === null || entry.value.expiresAt > now());
  }

  function stored(value: unknown, ttlMs: number | undefined): [Stored, { expireIn?: number }] {
    if (ttlMs === undefined) return [{ value, expiresAt: null }, {}];
    return [{ value, expiresAt: now() + ttlMs }, { expireIn: Math.ceil(ttlMs) }];
  }

  // A file shared by several processes may be locked by another's write: wait it out.
  return waitingOutLocks<KeyValueStore>({
    kind: "deno-kv",

    async get<T>(key: string): Promise<T | null> {
      const entry = await kv.get<Stored>(keyOf(key));
      return isLive(entry) ? entry.value.value as T : null;
    },

    async getMany<T>(keys: string[]): Promise<(T | null)[]> {
      // Deno KV reads at most 10 keys per getMany; larger lists are read in parallel batches.
      const batches: Promise<Deno.KvEntryMaybe<Stored>[]>[] = [];
      for (let start = 0; start < keys.length; start += denoKvGetManyLimit) {
        const batch = keys.slice(start, start + denoKvGetManyLimit).map(keyOf);
        batches.push(kv.getMany<Stored[]>(batch));
      }
      return (await Promise.all(batches)).flat().map((entry) =>
        isLive(entry) ? entry.value.value as T : null
      );
    },

    async set(key, value, options = {}) {
      checkTtl("set key", options.ttlMs);
      const [entry, kvOptions] = stored(value, options.ttlMs);
      await kv.set(keyOf(key), entry, kvOptions);
    },

    async setIfAbsent(key, value, options = {}) {
      checkTtl("set key", options.ttlMs);
      const k = keyOf(key);
      while (true) {
        const current = await kv.get<Stored>(k);
        if (isLive(current)) return false;
        // check() on the expired (or missing) entry's versionstamp: another writer wins the race instead.
        const [entry, kvOptions] = stored(value, options.ttlMs);
        const result = await kv.atomic().check(current).set(k, entry, kvOptions).commit();
        if (result.ok) return true;
      }
    },

    async delete(key) {
      await kv.delete(keyOf(key));
    },

    async increment(key, options) {
      checkTtl("increment key", options.ttlMs);
      const by = options.by ?? 1;
      const k = keyOf(key);
      while (true) {
        const current = await kv.get<Stored>(k);
        const at = now();
        let next: { value: number; expiresAt: number };
        if (isLive(current)) {
          const previous = current.value.value;
          if (typeof previous !== "number") {
            throw new TypeError(`Cannot increment ${key}: the stored value is not a number`);
          }
          // Later increments keep the window's expiry, so a limit resets on schedule; a number
          // stored without expiry gets one, or the counter would never reset.
          next = { value: previous + by, expiresAt: current.value.expiresAt ?? at + options.ttlMs };
        } else {
          next = { value: by, expiresAt: at + options.ttlMs };
        }
        const expiresInMs = next.expiresAt - at;
        const result = await kv.atomic().check(current)
          .set(k, next, { expireIn: Math.max(1, Math.ceil(expiresInMs)) })
          .commit();
        if (result.ok) return { value: next.value, expiresInMs };
      }
    },

    // Hashes of numbers (metric totals) keep their own keys: see ./deno_kv_hash.ts.
    ...denoKvHash(kv, ["kvh", options.prefix ?? ""], {
      key: keyOf,
      isLive: (entry) => isLive(entry as Deno.KvEntryMaybe<Stored>),
      stored: (ttlMs) => stored(true, ttlMs),
    }),

    async ping() {
      await kv.get(["kv", options.prefix ?? "", "__ping__"]);
    },

    async close() {},
  });
}

/** Opens Deno KV at `path` (in memory when undefined) and a store that closes it on `close()`. */
export async function openDenoKvStore(
  options: { path?: string; prefix?: string } = {},
): Promise<KeyValueStore> {
  if (options.path !== undefined) await mkdir(dirname(options.path), { recursive: true });
  const kv = await Deno.openKv(options.path ?? ":memory:");
  const store = createDenoKvStore(kv, { prefix: options.prefix });
  return {
    ...store,
    close() {
      kv.close();
      return Promise.resolve();
    },
  };
}
