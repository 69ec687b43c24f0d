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
import { cachedJwks } from "../auth/key_source.ts";
import { createRevocationList, type RevocationList } from "../auth/revocations.ts";
import { createTokenVerifier, type TokenVerifier } from "../auth/verifier.ts";
import { inProcessBinding, type ServiceBinding } from "../bindings/service_binding.ts";
import type { KeyValueStore } from "../stores/kv/port.ts";

/** What a minted token may differ in, to test how a worker refuses bad ones. */
export interface TokenOptions {
  role?: Role;
  audience?: string;
  issuer?: string;
  /** Signs with this key instead of the published one (a forgery). */
  key?: CryptoKey;
  /** Seconds until expiry (negative: already expired). */
  lifetimeSec?: number;
}

/** The verifier, the revocation list it reads, and a token minter. */
export interface TestAuth {
  verifier: TokenVerifier;
  revocations: RevocationList;
  /** The stand-in auth worker, for a worker under test that calls auth. */
  binding: ServiceBinding;
  /** An access token of `sub` (a member unless `role` says), issued now by the stand-in. */
  token(sub: string, options?: TokenOptions): Promise<string>;
}

/** A stand-in auth worker's key and a verifier that fetches it as production verifiers do. */
export async function createTestAuth(options: {
  /** Where revocations live (the worker's key-value store is fine). */
  kv: KeyValueStore;
  internalSecret: string;
  now: () => Date;
  /** More routes the stand-in auth worker serves (what the worker under test calls at auth). */
  routes?: Hono;
}): Promise<TestAuth> {
  const kid = `test-key-${crypto.randomUUID()}`;
  const { publicKey, privateKey } = await generateKeyPair(tokenAlgorithm, { extractable: true });
  const jwk = { ...await exportJWK(publicKey), kid, alg: tokenAlgorithm, use: "sig" };
  const auth = new Hono().get("/.well-known/jwks.json", (c) => c.json({ keys: [jwk] }));
  if (options.routes) auth.route("/", options.routes);
  const binding = inProcessBinding(auth, { internalSecret: options.internalSecret });
  const revocations = createRevocationList(options.kv);
  return {
    revocations,
    binding,
    verifier: createTokenVerifier({
      keys: cachedJwks(() => Promise.resolve({ keys: [jwk] })),
      revocations,
      now: options.now,
    }),
    async token(sub, token = {}) {
      const iat = Math.floor(options.now().getTime() / 1000);
      return await new SignJWT({ role: token.role ?? "member", sid: `sid-${sub}` })
        .setProtectedHeader({ alg: tokenAlgorithm, kid })
        .setIssuer(token.issuer ?? tokenIssuer)
        .setAudience(token.audience ?? tokenAudience)
        .setSubject(sub)
        .setJti(crypto.randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + (token.lifetimeSec ?? accessTokenLifetimeSec))
        .sign(token.key ?? privateKey);
    },
  };
}
