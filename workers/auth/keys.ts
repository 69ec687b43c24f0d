/**
 * The signing keys of access tokens (EdDSA, Ed25519). The first key signs; all are
 * published at `/.well-known/jwks.json`, so a new key can be published
 * before it signs and an old one kept until its tokens have expired —
 * rotation without logging anyone out.
 *
 * Production keys come from FITCONNECT_AUTH_SIGNING_KEYS. Without them (the
 * embedded default, split) a key is generated on first start and kept in the
 * auth schema; it is never committed anywhere.
 *
 * @module
 */
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { importJwkKey } from "../../shared/auth/jwk_key.ts";
import { tokenAlgorithm } from "../../shared/auth/claims.ts";
import type { AuthRepository } from "./repository.ts";

/** The keys in use. */
export interface KeyRing {
  signer: { kid: string; key: CryptoKey };
  /** Public JWKs of every key (signer first). */
  jwks: JWK[];
}

/** Builds a key ring from private JWKs (each with a `kid`); the first signs. */
export async function keyRingFromJwks(privateJwks: JWK[]): Promise<KeyRing> {
  if (privateJwks.length === 0) throw new Error("Cannot build key ring: no keys");
  const jwks: JWK[] = [];
  let signer: KeyRing["signer"] | undefined;
  for (const jwk of privateJwks) {
    if (!jwk.kid || jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.d) {
      throw new Error("Cannot build key ring: every key must be a private Ed25519 JWK with a kid");
    }
    const { d: _private, ...publicJwk } = jwk;
    jwks.push({ ...publicJwk, alg: tokenAlgorithm, use: "sig" });
    signer ??= { kid: jwk.kid, key: await importJwkKey(jwk, tokenAlgorithm) };
  }
  return { signer: signer!, jwks };
}

/** A new private Ed25519 JWK with a random kid. */
export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(tokenAlgorithm, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: crypto.randomUUID(), alg: tokenAlgorithm };
}

/** The stored keys, generating and storing one first when there is none. */
export async function loadOrCreateKeyRing(repository: AuthRepository): Promise<KeyRing> {
  let stored = await repository.signingKeys();
  if (stored.length === 0) {
    // Two processes may race here; the insert keeps the first and both reread.
    await repository.insertSigningKey(await generateSigningJwk());
    stored = await repository.signingKeys();
  }
  return await keyRingFromJwks(stored);
}
