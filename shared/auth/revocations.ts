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
 * @module
 */
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

/** A revocation list on `store`. */
export function createRevocationList(store: KeyValueStore): RevocationList {
  return {
    async revokeUser(userId, at) {
      await store.set(`user:${userId}`, at.getTime(), { ttlMs });
    },
    async revokeSession(sid, at) {
      await store.set(`sid:${sid}`, at.getTime(), { ttlMs });
    },
    async isRevoked(claims) {
      const [userRevokedAt, sessionRevokedAt] = await store.getMany<number>([
        `user:${claims.sub}`,
        `sid:${claims.sid}`,
      ]);
      if (sessionRevokedAt !== null) return true;
      return userRevokedAt !== null && claims.iat * 1000 <= userRevokedAt;
    },
  };
}
