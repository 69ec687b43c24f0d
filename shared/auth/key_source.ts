/**
 * Where verifiers find the public keys of access tokens: the auth worker's
 * JWKS, fetched through its typed client (`jwksOf` in workers/auth/client.ts,
 * handed in, as shared code never names a worker) and cached, so every
 * worker verifies locally without a call per request.
 *
 * A token with an unknown `kid` (a key rotated in since the last fetch)
 * triggers one refetch, at most every `cooldownMs`, so forged `kid`s cannot
 * make a worker hammer the auth worker.
 *
 * An outage of the auth worker must not take every other worker down with
 * it: a failed refetch keeps the last good keys (a key stays valid until it
 * is rotated out, which takes longer than any outage we would ride out), and
 * is retried at most every `failureBackoffMs`. Only a worker that has never
 * seen a key answers 503 — it cannot tell a good token from a forged one.
 *
 * @module
 */
import type { JWK } from "jose";
import { importJwkKey } from "./jwk_key.ts";
import { platformProblems, Problem } from "../http/problem.ts";
import { tokenAlgorithm } from "./claims.ts";

/** Finds the verification key for a `kid`. */
export interface KeySource {
  /** The key, or undefined when no known key has `kid`; a 503 Problem when no key is known at all. */
  keyFor(kid: string): Promise<CryptoKey | undefined>;
}

/**
 * Reads the published key set once; throws when it cannot (the auth worker
 * unreachable, or not answering 200).
 */
export type JwksFetch = () => Promise<{ keys?: JWK[] }>;

/** Options of `cachedJwks`. */
export interface JwksCacheOptions {
  /** How long fetched keys are trusted before a refetch (default 5 min). */
  ttlMs?: number;
  /** Least time between refetches caused by unknown kids (default 10 s). */
  cooldownMs?: number;
  /** Least time between attempts after a failed fetch (default 1 s). */
  failureBackoffMs?: number;
  now?: () => number;
  /** Told about each failed fetch (the worker's logger, typically). */
  onRefreshError?: (error: unknown) => void;
}

/** The key set `fetchJwks` reads, cached. */
export function cachedJwks(fetchJwks: JwksFetch, options: JwksCacheOptions = {}): KeySource {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const cooldownMs = options.cooldownMs ?? 10_000;
  const failureBackoffMs = options.failureBackoffMs ?? 1_000;
  const now = options.now ?? Date.now;
  let keys = new Map<string, CryptoKey>();
  let fetchedAt = -Infinity;
  let failedAt = -Infinity;
  let inFlight: Promise<void> | null = null;

  async function fetchKeys(): Promise<Map<string, CryptoKey>> {
    const { keys: jwks } = await fetchJwks();
    const next = new Map<string, CryptoKey>();
    for (const jwk of Array.isArray(jwks) ? jwks : []) {
      if (!jwk.kid || jwk.alg !== tokenAlgorithm) continue;
      next.set(jwk.kid, await importJwkKey(jwk, tokenAlgorithm));
    }
    // An auth worker never publishes an empty set; replacing good keys with none would lock
    // everybody out on one bad answer.
    if (next.size === 0) throw new Error("Cannot fetch JWKS: no usable key in the answer");
    return next;
  }

  async function refresh(): Promise<void> {
    try {
      keys = await fetchKeys();
      fetchedAt = now();
    } catch (error) {
      failedAt = now();
      options.onRefreshError?.(error);
    }
  }

  function refreshOnce(): Promise<void> {
    inFlight ??= refresh().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  function noKeyKnown(): Problem {
    const waitSec = Math.max(1, Math.ceil((failedAt + failureBackoffMs - now()) / 1000));
    return new Problem(
      platformProblems.SERVICE_UNAVAILABLE,
      "Access tokens cannot be checked right now; try again shortly.",
      { headers: { "retry-after": String(waitSec) } },
    );
  }

  return {
    async keyFor(kid) {
      const age = now() - fetchedAt;
      const wanted = age > ttlMs || (!keys.has(kid) && age >= cooldownMs);
      if (wanted && now() - failedAt >= failureBackoffMs) await refreshOnce();
      if (keys.size === 0) throw noKeyKnown();
      return keys.get(kid);
    },
  };
}
