import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { checkFieldDeltas, checkTtl, type KeyValueStore } from "./port.ts";

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
 * `close()` leaves it open, so one Deno KV can serve several prefixes.
 */
export function createDenoKvStore(kv: Deno.Kv, options: DenoKvStoreOptions = {}): KeyValueStore {
  const now = options.now ?? Date.now;
  // A fixed root keeps cache keys apart from other users of the same Deno KV (the queue).
  const keyOf = (key: string): Deno.KvKey => ["kv", options.prefix ?? "", key];
  // A hash is one Deno KV entry per field, plus a version entry that every write of the hash
  // changes: checking that one entry makes a write of many fields atomic (a commit takes at most
  // 100 checks, but 1,000 mutations).
  const fieldOf = (
    key: string,
    field: string,
  ): Deno.KvKey => ["kvh", options.prefix ?? "", key, field];
  const versionOf = (key: string): Deno.KvKey => ["kvhv", options.prefix ?? "", key];

  /** Reads `keys` in batches of Deno KV's getMany limit, in parallel. */
  async function readAll<T>(keys: Deno.KvKey[]): Promise<Deno.KvEntryMaybe<T>[]> {
    const batches: Promise<Deno.KvEntryMaybe<T>[]>[] = [];
    for (let start = 0; start < keys.length; start += denoKvGetManyLimit) {
      batches.push(kv.getMany<T[]>(keys.slice(start, start + denoKvGetManyLimit)));
    }
    return (await Promise.all(batches)).flat();
  }

  function isLive(entry: Deno.KvEntryMaybe<Stored>): entry is Deno.KvEntry<Stored> {
    return entry.value !== null &&
      (entry.value.expiresAt === null || entry.value.expiresAt > now());
  }

  function stored(value: unknown, ttlMs: number | undefined): [Stored, { expireIn?: number }] {
    if (ttlMs === undefined) return [{ value, expiresAt: null }, {}];
    return [{ value, expiresAt: now() + ttlMs }, { expireIn: Math.ceil(ttlMs) }];
  }

  return {
    kind: "deno-kv",

    async get<T>(key: string): Promise<T | null> {
      const entry = await kv.get<Stored>(keyOf(key));
      return isLive(entry) ? entry.value.value as T : null;
    },

    async getMany<T>(keys: string[]): Promise<(T | null)[]> {
      // Deno KV reads at most 10 keys per getMany; larger lists are read in parallel batches.
      return (await readAll<Stored>(keys.map(keyOf))).map((entry) =>
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

    async incrementFields(key, deltas, options = {}) {
      const entries = checkFieldDeltas(key, deltas);
      if (options.once) checkTtl("increment fields once", options.once.ttlMs);
      const once = options.once && keyOf(options.once.key);
      while (true) {
        // The version first: a writer that commits after this read fails our check below,
        // so the fields read next cannot be older than what we commit over.
        const version = await kv.get<number>(versionOf(key));
        const marker = once ? await kv.get<Stored>(once) : undefined;
        if (marker && isLive(marker)) return false;
        const current = await readAll<number>(entries.map(([field]) => fieldOf(key, field)));
        const operation = kv.atomic().check(version)
          .set(versionOf(key), (version.value ?? 0) + 1);
        entries.forEach(([field, delta], i) =>
          operation.set(fieldOf(key, field), (current[i].value ?? 0) + delta)
        );
        if (once && marker) {
          const [entry, kvOptions] = stored(true, options.once!.ttlMs);
          operation.check(marker).set(once, entry, kvOptions);
        }
        if ((await operation.commit()).ok) return true;
      }
    },

    async getFields(key) {
      const fields: Record<string, number> = {};
      const prefix = ["kvh", options.prefix ?? "", key];
      for await (const entry of kv.list<number>({ prefix })) {
        fields[entry.key[prefix.length] as string] = entry.value;
      }
      return fields;
    },

    async deleteFields(key, fields) {
      // In slices, each under the version (see incrementFields).
      for (let start = 0; start < fields.length; start += 900) {
        while (true) {
          const version = await kv.get<number>(versionOf(key));
          const operation = kv.atomic().check(version)
            .set(versionOf(key), (version.value ?? 0) + 1);
          for (const field of fields.slice(start, start + 900)) {
            operation.delete(fieldOf(key, field));
          }
          if ((await operation.commit()).ok) break;
        }
      }
    },

    async ping() {
      await kv.get(["kv", options.prefix ?? "", "__ping__"]);
    },

    async close() {},
  };
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
