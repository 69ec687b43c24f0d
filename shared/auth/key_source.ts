/**
 * Where verifiers find the public keys of access tokens: the auth worker's
 * JWKS, fetched through a service binding and cached, so every worker
 * verifies locally without a call per request.
 *
 * A token with an unknown `kid` (a key rotated in since the last fetch)
 * triggers one refetch, at most every `cooldownMs`, so forged `kid`s cannot
 * make a worker hammer the auth worker.
 *
 * @module
 */
import { importJWK, type JWK } from "jose";
import type { ServiceBinding } from "../bindings/service_binding.ts";
import { tokenAlgorithm } from "./claims.ts";

/** Finds the verification key for a `kid`. */
export interface KeySource {
  keyFor(kid: string): Promise<CryptoKey | undefined>;
}

/** Options of `jwksOverBinding`. */
export interface JwksCacheOptions {
  /** How long fetched keys are trusted before a refetch (default 5 min). */
  ttlMs?: number;
  /** Least time between refetches caused by unknown kids (default 10 s). */
  cooldownMs?: number;
  now?: () => number;
}

/** A cached JWKS read from `/.well-known/jwks.json` through `binding`. */
export function jwksOverBinding(
  binding: ServiceBinding,
  options: JwksCacheOptions = {},
): KeySource {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const cooldownMs = options.cooldownMs ?? 10_000;
  const now = options.now ?? Date.now;
  let keys = new Map<string, CryptoKey>();
  let fetchedAt = -Infinity;
  let inFlight: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    const response = await binding.fetch(new Request("http://auth.internal/.well-known/jwks.json"));
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`Cannot fetch JWKS: auth answered ${response.status}`);
    }
    const { keys: jwks } = await response.json() as { keys: JWK[] };
    const next = new Map<string, CryptoKey>();
    for (const jwk of jwks) {
      if (!jwk.kid || jwk.alg !== tokenAlgorithm) continue;
      next.set(jwk.kid, await importJWK(jwk, tokenAlgorithm) as CryptoKey);
    }
    keys = next;
    fetchedAt = now();
  }

  function refreshOnce(): Promise<void> {
    inFlight ??= refresh().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    async keyFor(kid) {
      const age = now() - fetchedAt;
      if (age > ttlMs || (!keys.has(kid) && age >= cooldownMs)) await refreshOnce();
      return keys.get(kid);
    },
  };
}
