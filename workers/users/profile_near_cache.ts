/**
 * Profiles kept in this process for {@linkcode profileNearCacheMaxAgeMs}, in
 * front of the shared cache (./profile_cache.ts): `GET /v1/me` is the most
 * frequent read, and a client's burst of requests then costs one key-value
 * read a second, not one each (shared/cache/near_cache.ts).
 *
 * Staleness bound: a change made through this process (every change in the
 * embedded default, where one users worker serves all) is seen at once; one
 * made by another users process (split replicas, production's isolates) is
 * seen by every read that starts more than `profileNearCacheMaxAgeMs` after
 * it was committed.
 *
 * @module
 */
import { NearCache } from "../../shared/cache/near_cache.ts";
import type { ProfileRepository, ProfileRow } from "./repository.ts";

/** How long another process's change to a profile may go unseen here. */
export const profileNearCacheMaxAgeMs = 1000;

/** `repository` with reads kept in memory for at most `profileNearCacheMaxAgeMs`. */
export function withProfileNearCache(
  repository: ProfileRepository,
  options: { now?: () => number } = {},
): ProfileRepository {
  // null for "no profile": the cache keeps answers, and undefined is not one it keeps.
  const known = new NearCache<Readonly<ProfileRow> | null>({
    maxAgeMs: profileNearCacheMaxAgeMs,
    maxEntries: 10_000,
    now: options.now,
  });
  /** Runs a change of `userId`'s profile: nothing read while it ran is kept, its result is. */
  async function changing(userId: string, change: () => Promise<ProfileRow | undefined>) {
    let row: ProfileRow | undefined;
    try {
      row = await change();
    } finally {
      known.delete(userId);
    }
    if (row) known.set(userId, Object.freeze(row));
    return row;
  }

  return {
    async find(userId) {
      const row = await known.read(userId, async () => {
        const found = await repository.find(userId);
        // Shared by every request that reads it: frozen, so none can change it for the others.
        return found ? Object.freeze(found) : null;
      });
      return row ?? undefined;
    },
    insertIfAbsent: (profile, at) =>
      changing(profile.userId, () => repository.insertIfAbsent(profile, at)),
    update: (userId, changes, options) =>
      changing(userId, () => repository.update(userId, changes, options)),
    async delete(userId) {
      try {
        return await repository.delete(userId);
      } finally {
        known.delete(userId);
      }
    },
  };
}
