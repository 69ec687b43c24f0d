/**
 * Profiles cached on the key-value store (Upstash in production, Deno KV
 * embedded): `GET /v1/me` is the most frequent read, and a key-value read is
 * several times cheaper than a Postgres one.
 *
 * The cache is shared by every isolate, so it stays coherent: a write puts
 * the new row in the cache, and a reader fills an empty slot only with
 * set-if-absent, so a slow reader can never overwrite a newer row.
 *
 * When the store cannot be reached (StoreUnavailableError), reads go to
 * Postgres. A change empties the slot before it touches Postgres: if the
 * store is down that is a 503 with nothing changed, never a change whose old
 * row stays cached (and a stale ETag answered for minutes). Refreshing the
 * slot afterwards is a bonus: if it fails, the empty slot is filled by the
 * next read.
 *
 * @module
 */
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { StoreUnavailableError } from "../../shared/stores/unavailable.ts";
import type { ProfileRepository, ProfileRow } from "./repository.ts";

/** Cached rows expire anyway, so a missed invalidation heals itself. */
const ttlMs = 5 * 60_000;

type CachedRow = Omit<ProfileRow, "createdAt" | "updatedAt"> & {
  createdAt: string;
  updatedAt: string;
};

const key = (userId: string) => `profile:${userId}`;

function toCache(row: ProfileRow): CachedRow {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function fromCache(row: CachedRow): ProfileRow {
  return { ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
}

/** `operation`, or nothing when the store cannot be reached (any other failure is thrown). */
async function unlessUnavailable<T>(operation: () => Promise<T>): Promise<T | undefined> {
  try {
    return await operation();
  } catch (error) {
    // The store's guard logs the outage once (shared/stores/kv/resilient.ts).
    if (error instanceof StoreUnavailableError) return undefined;
    throw error;
  }
}

/** `repository` with reads served from `cache` when possible. */
export function withProfileCache(
  repository: ProfileRepository,
  cache: KeyValueStore,
): ProfileRepository {
  const store = (row: ProfileRow) =>
    unlessUnavailable(() => cache.set(key(row.userId), toCache(row), { ttlMs }));
  return {
    async find(userId) {
      let cached: CachedRow | null;
      try {
        cached = await cache.get<CachedRow>(key(userId));
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        // Down: the database answers, and the store is not asked again to fill.
        return await repository.find(userId);
      }
      if (cached) return fromCache(cached);
      const row = await repository.find(userId);
      if (row) {
        await unlessUnavailable(() => cache.setIfAbsent(key(userId), toCache(row), { ttlMs }));
      }
      return row;
    },
    async insertIfAbsent(profile, at) {
      const row = await repository.insertIfAbsent(profile, at);
      // A new row: its slot holds nothing older, so a failed fill only costs the next read.
      if (row) await store(row);
      return row;
    },
    async update(userId, changes, options) {
      await cache.delete(key(userId));
      const row = await repository.update(userId, changes, options);
      if (row) await store(row);
      return row;
    },
    async delete(userId) {
      const deleted = await repository.delete(userId);
      await cache.delete(key(userId));
      return deleted;
    },
  };
}
