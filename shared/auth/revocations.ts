/**
 * Access tokens that must stop working before they expire: those of a
 * deleted account. The auth worker writes, every verifier reads, through the
 * key-value store all workers share (`revocations` namespace).
 *
 * An entry lives as long as an access token can, then expires by itself.
 *
 * @module
 */
import type { KeyValueStore } from "../stores/kv/port.ts";
import { type AccessClaims, accessTokenLifetimeSec } from "./claims.ts";

/** Revoked subjects, checked on every authenticated request. */
export interface RevocationList {
  /** Every access token of `userId` issued up to `at` stops working. */
  revokeUser(userId: string, at: Date): Promise<void>;
  isRevoked(claims: AccessClaims): Promise<boolean>;
}

// Clocks of workers may differ a little: keep entries a minute longer.
const ttlMs = (accessTokenLifetimeSec + 60) * 1000;

/** A revocation list on `store`. */
export function createRevocationList(store: KeyValueStore): RevocationList {
  return {
    async revokeUser(userId, at) {
      await store.set(`user:${userId}`, at.getTime(), { ttlMs });
    },
    async isRevoked(claims) {
      const revokedAt = await store.get<number>(`user:${claims.sub}`);
      return revokedAt !== null && claims.iat * 1000 <= revokedAt;
    },
  };
}
