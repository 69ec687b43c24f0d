/**
 * Profiles cached on the key-value store (Upstash in production, Deno KV
 * embedded): `GET /v1/me` is the most frequent read, and a key-value read is
 * several times cheaper than a Postgres one.
 *
 * The cache is shared by every isolate, so it stays coherent: a write puts
 * the new row in the cache, and a reader fills an empty slot only with
 * set-if-absent, so a slow reader can never overwrite a newer row.
 *
 * @module
 */
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
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

/** `repository` with reads served from `cache` when possible. */
export function withProfileCache(
  repository: ProfileRepository,
  cache: KeyValueStore,
): ProfileRepository {
  const store = (row: ProfileRow) => cache.set(key(row.userId), toCache(row), { ttlMs });
  return {
    async find(userId) {
      const cached = await cache.get<CachedRow>(key(userId));
      if (cached) return fromCache(cached);
      const row = await repository.find(userId);
      if (row) await cache.setIfAbsent(key(userId), toCache(row), { ttlMs });
      return row;
    },
    async insertIfAbsent(profile, at) {
      const row = await repository.insertIfAbsent(profile, at);
      if (row) await store(row);
      return row;
    },
    async update(userId, changes, options) {
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
