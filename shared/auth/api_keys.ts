/**
 * Resolving API keys for verifiers: a short per-process cache in front of the
 * auth worker's lookup (the lookup itself lives in workers/auth/client.ts;
 * the composition roots hand it in).
 *
 * Staleness bound: a key's record is reused for at most `ttlMs` (default
 * 30 s) after it was fetched. Revocation does not wait for it: a revoked
 * key's login id (`apikey:<id>`) is on the shared revocation list, which
 * every verifier reads on every request (./revocations.ts), and a deleted
 * owner's keys fall under the owner's revocation. What the cache can hold
 * stale for up to `ttlMs` is only the owner's role (and `lastUsedAt`, which
 * the auth worker touches on each lookup: it is exact to within `ttlMs`).
 *
 * Secrets never leave the process that received them, and are never kept:
 * the lookup and the cache use the SHA-256 of the secret.
 *
 * @module
 */
import { sha256 } from "../crypto/random.ts";
import type { Role } from "./claims.ts";
import type { KeyScope } from "./scopes.ts";

/** What the auth worker says of a live key. */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  /** The owner's role when the key was looked up. */
  role: Role;
  scopes: KeyScope[];
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds; null for a key that does not expire. */
  expiresAt: number | null;
}

/** Finds the live key whose secret hashes to `secretHash`; null when there is none. */
export type ApiKeyLookup = (secretHash: string) => Promise<ApiKeyRecord | null>;

/** The hash an API key secret is stored and looked up by (see workers/auth/api_keys.ts). */
export function hashApiKeySecret(secret: string): Promise<string> {
  return sha256(secret);
}

/** How long a resolved key is reused before it is looked up again. */
export const apiKeyCacheTtlMs = 30_000;

/** Options of `cachedApiKeyLookup`. */
export interface ApiKeyCacheOptions {
  ttlMs?: number;
  /** How many keys to remember (default 10 000). */
  size?: number;
  now?: () => number;
}

/** `lookup` behind a cache of found keys; concurrent misses of one key share one lookup. */
export function cachedApiKeyLookup(
  lookup: ApiKeyLookup,
  options: ApiKeyCacheOptions = {},
): ApiKeyLookup {
  const ttlMs = options.ttlMs ?? apiKeyCacheTtlMs;
  const size = options.size ?? 10_000;
  const now = options.now ?? Date.now;
  const found = new Map<string, { record: ApiKeyRecord; fetchedAt: number }>();
  const inFlight = new Map<string, Promise<ApiKeyRecord | null>>();

  function remember(hash: string, record: ApiKeyRecord): void {
    found.delete(hash);
    if (found.size >= size) found.delete(found.keys().next().value!);
    found.set(hash, { record, fetchedAt: now() });
  }

  return (secretHash) => {
    const cached = found.get(secretHash);
    if (cached && now() - cached.fetchedAt < ttlMs) return Promise.resolve(cached.record);
    found.delete(secretHash);
    let pending = inFlight.get(secretHash);
    if (!pending) {
      // Unknown keys are not remembered: valid-looking secrets are cheap to make, so a
      // negative cache would only fill up, and a key must work the moment it is created.
      pending = lookup(secretHash).then((record) => {
        if (record) remember(secretHash, record);
        return record;
      }).finally(() => inFlight.delete(secretHash));
      inFlight.set(secretHash, pending);
    }
    return pending;
  };
}
