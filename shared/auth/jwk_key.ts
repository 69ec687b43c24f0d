/**
 * A JWK as a WebCrypto key, typed as the platform's `CryptoKey`.
 *
 * jose derives its key type from the global `crypto`, which Node's type
 * declarations replace when any module in the program pulls them in; the key
 * is a WebCrypto `CryptoKey` at run time either way, so it is checked here,
 * once, instead of cast at every call.
 *
 * @module
 */
import { importJWK, type JWK } from "jose";

/** Imports `jwk` for `alg`; throws if it is a symmetric secret, not a key pair's half. */
export async function importJwkKey(jwk: JWK, alg: string): Promise<CryptoKey> {
  const key: unknown = await importJWK(jwk, alg);
  if (!(key instanceof CryptoKey)) {
    throw new Error(`Cannot use JWK ${jwk.kid ?? "(no kid)"}: not an asymmetric ${alg} key`);
  }
  return key;
}
