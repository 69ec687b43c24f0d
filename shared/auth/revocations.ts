/**
 * Access tokens that must stop working before they expire: every token of a
 * deleted account (by user), and every token of an ended login (by `sid`:
 * logout, or a refresh token replayed). The auth worker writes, every
 * verifier reads, through the key-value store all workers share
 * (`revocations` namespace).
 *
 * Both checks are one `getMany`: the read runs on every authenticated
 * request, so it costs one round trip to the store, not two.
 *
 * An entry lives as long as an access token can, then expires by itself.
 *
 * The read is kept in memory for {@linkcode revocationCacheMaxAgeMs}
 * (../cache/near_cache.ts), so a client's burst of requests costs one store
 * read a second, not one each. Staleness bound:
 * - a revocation made by this process (the auth worker's own list: in the
 *   embedded default every worker shares it) is seen at once;
 * - one made by another process (split, production's isolates) is seen by
 *   every request that starts more than `revocationCacheMaxAgeMs` after it
 *   was stored. A token so revoked can serve at most that much longer.
 *
 * @module
 */
import { NearCache } from "../cache/near_cache.ts";
import type { KeyValueStore } from "../stores/kv/port.ts";
import { type AccessClaims, accessTokenLifetimeSec, tokenClockSkewSec } from "./claims.ts";

/** Revoked subjects and logins, checked on every authenticated request. */
export interface RevocationList {
  /** Every access token of `userId` issued up to `at` stops working. */
  revokeUser(userId: string, at: Date): Promise<void>;
  /**
   * Every access token of login `sid` stops working. No iat comparison: an
   * ended login never issues another token, so all of its tokens are dead.
   */
  revokeSession(sid: string, at: Date): Promise<void>;
  isRevoked(claims: AccessClaims): Promise<boolean>;
}

// A token verifies at most lifetime + skew after its iat (see token_age.ts), and no token is
// issued after the revocation; clocks of workers may also differ by the skew: keep both.
const ttlMs = (accessTokenLifetimeSec + 2 * tokenClockSkewSec) * 1000;

/** How long another process's revocation may go unseen here (see the module comment). */
export const revocationCacheMaxAgeMs = 1000;

/** Options of a revocation list (tests only). */
export interface RevocationListOptions {
  /** The monotonic clock of the in-memory copy (default `performance.now`). */
  now?: () => number;
}

/** A revocation list on `store`. */
export function createRevocationList(
  store: KeyValueStore,
  options: RevocationListOptions = {},
): RevocationList {
  // Two keys per login in use: 50 000 keeps the busiest process's members without a re-read.
  const known = new NearCache<number | null>({
    maxAgeMs: revocationCacheMaxAgeMs,
    maxEntries: 50_000,
    now: options.now,
  });

  async function revoke(key: string, at: Date): Promise<void> {
    await store.set(key, at.getTime(), { ttlMs });
    known.set(key, at.getTime());
  }

  return {
    revokeUser: (userId, at) => revoke(`user:${userId}`, at),
    revokeSession: (sid, at) => revoke(`sid:${sid}`, at),
    async isRevoked(claims) {
      const [userRevokedAt, sessionRevokedAt] = await known.readMany(
        [`user:${claims.sub}`, `sid:${claims.sid}`],
        (keys) => store.getMany<number>(keys),
      );
      if (sessionRevokedAt !== null) return true;
      return userRevokedAt !== null && claims.iat * 1000 <= userRevokedAt;
    },
  };
}
