/**
 * Real token verification for a worker tested on its own: a stand-in auth
 * worker that publishes one EdDSA key as its JWKS, the platform's verifier
 * over it, and tokens signed with that key.
 *
 * @module
 */
import { Hono } from "hono";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import {
  accessTokenLifetimeSec,
  type Role,
  tokenAlgorithm,
  tokenAudience,
  tokenIssuer,
} from "../auth/claims.ts";
import { jwksOverBinding } from "../auth/key_source.ts";
import { createRevocationList, type RevocationList } from "../auth/revocations.ts";
import { createTokenVerifier, type TokenVerifier } from "../auth/verifier.ts";
import { inProcessBinding } from "../bindings/service_binding.ts";
import type { KeyValueStore } from "../stores/kv/port.ts";

/** The verifier, the revocation list it reads, and a token minter. */
export interface TestAuth {
  verifier: TokenVerifier;
  revocations: RevocationList;
  /** An access token of `sub`, issued now by the stand-in auth worker. */
  token(sub: string, role?: Role): Promise<string>;
}

/** A stand-in auth worker's key and a verifier that fetches it as production verifiers do. */
export async function createTestAuth(options: {
  /** Where revocations live (the worker's key-value store is fine). */
  kv: KeyValueStore;
  internalSecret: string;
  now: () => Date;
}): Promise<TestAuth> {
  const kid = `test-key-${crypto.randomUUID()}`;
  const { publicKey, privateKey } = await generateKeyPair(tokenAlgorithm, { extractable: true });
  const jwk = { ...await exportJWK(publicKey), kid, alg: tokenAlgorithm, use: "sig" };
  const auth = new Hono().get("/.well-known/jwks.json", (c) => c.json({ keys: [jwk] }));
  const revocations = createRevocationList(options.kv);
  return {
    revocations,
    verifier: createTokenVerifier({
      keys: jwksOverBinding(inProcessBinding(auth, { internalSecret: options.internalSecret })),
      revocations,
      now: options.now,
    }),
    async token(sub, role = "member") {
      const iat = Math.floor(options.now().getTime() / 1000);
      return await new SignJWT({ role, sid: `sid-${sub}` })
        .setProtectedHeader({ alg: tokenAlgorithm, kid })
        .setIssuer(tokenIssuer)
        .setAudience(tokenAudience)
        .setSubject(sub)
        .setJti(crypto.randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + accessTokenLifetimeSec)
        .sign(privateKey);
    },
  };
}
