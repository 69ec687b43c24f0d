/**
 * Access-token verification, the same in every worker: EdDSA (Ed25519) only, `kid`
 * required, `iss`/`aud`/`exp` checked against a clock the caller controls, the
 * token's age bounded (./token_age.ts), then the revocation list (user and
 * login). Every failure is the same 401 UNAUTHENTICATED: a client learns
 * nothing about why a forged token failed. The one exception is a worker
 * that knows no signing key at all (auth unreachable since it started): 503,
 * because the fault is ours, not the token's.
 *
 * @module
 */
import { errors, type JWTHeaderParameters, jwtVerify } from "jose";
import { platformProblems, Problem } from "../http/problem.ts";
import { type AccessClaims, tokenAlgorithm, tokenAudience, tokenIssuer } from "./claims.ts";
import type { KeySource } from "./key_source.ts";
import type { RevocationList } from "./revocations.ts";
import { hasPlausibleAge } from "./token_age.ts";

/** True when a verified token's `payload` holds every access claim, each of its type. */
function isAccessClaims(
  payload: Record<string, unknown>,
): payload is Record<string, unknown> & AccessClaims {
  return typeof payload.sub === "string" && typeof payload.sid === "string" &&
    (payload.role === "member" || payload.role === "admin") && typeof payload.jti === "string" &&
    typeof payload.iat === "number" && typeof payload.exp === "number";
}

/** Verifies bearer tokens. */
export interface TokenVerifier {
  /** The token's claims, or a 401 Problem. */
  verify(token: string): Promise<AccessClaims>;
}

/** What a verifier needs. */
export interface TokenVerifierOptions {
  keys: KeySource;
  revocations: RevocationList;
  /** The clock (tests move it to expire tokens). */
  now?: () => Date;
  /** How many verified tokens to remember (default 10 000; 0 turns the cache off). */
  cacheSize?: number;
}

/** The single 401 every bad token gets. */
export function unauthenticated(detail = "A valid access token is required."): Problem {
  return new Problem(platformProblems.UNAUTHENTICATED, detail, {
    headers: { "www-authenticate": 'Bearer realm="fitconnect"' },
  });
}

/** A verifier over `keys` and `revocations`. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const now = options.now ?? (() => new Date());
  // A client sends the same token for up to 15 minutes: its signature is
  // checked once, then remembered by the whole token string (signature
  // included, so a changed byte is a miss). Expiry and revocation are still
  // checked on every request.
  const verified = new Map<string, AccessClaims>();
  const cacheSize = options.cacheSize ?? 10_000;

  async function keyFor(header: JWTHeaderParameters): Promise<CryptoKey> {
    // jose checks `alg` against `algorithms` before calling this; a kid is required
    // so that a key rotated out can never be matched by accident.
    const key = header.kid ? await options.keys.keyFor(header.kid) : undefined;
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  }

  function remember(token: string, claims: AccessClaims): void {
    if (cacheSize === 0) return;
    // Evict the oldest entry (a Map keeps insertion order).
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
  }

  async function verifySignature(token: string): Promise<AccessClaims> {
    const cached = verified.get(token);
    if (cached) {
      if (cached.exp * 1000 > now().getTime()) return cached;
      verified.delete(token);
      throw unauthenticated();
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keyFor, {
        algorithms: [tokenAlgorithm],
        issuer: tokenIssuer,
        audience: tokenAudience,
        currentDate: now(),
        requiredClaims: ["sub", "exp", "iat", "jti"],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) {
        throw unauthenticated();
      }
      throw error;
    }
    if (!isAccessClaims(payload) || !hasPlausibleAge(payload, now())) throw unauthenticated();
    remember(token, payload);
    return payload;
  }

  return {
    async verify(token) {
      const claims = await verifySignature(token);
      if (await options.revocations.isRevoked(claims)) throw unauthenticated();
      return claims;
    },
  };
}
