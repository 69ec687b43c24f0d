/**
 * Access-token verification, the same in every worker: EdDSA (Ed25519) only, `kid`
 * required, `iss`/`aud`/`exp` checked against a clock the caller controls, the
 * token's age bounded (./token_age.ts), then the revocation list (user and
 * login). Every failure is the same 401 UNAUTHENTICATED: a client learns
 * nothing about why a forged token failed. The one exception is a worker
 * that knows no signing key at all (auth unreachable since it started): 503,
 * because the fault is ours, not the token's.
 *
 * An API key (`Bearer fck_…`, ./api_key_secret.ts) is verified on the same
 * path: its checksum first (a typo is a 401 before any lookup), then the
 * auth worker's lookup behind a short per-process cache (./api_keys.ts), its
 * expiry, and the same revocation list (a key is revoked as login
 * `apikey:<id>`). Either way the caller is a `Principal` (./principal.ts).
 *
 * @module
 */
import { errors, type JWTHeaderParameters, jwtVerify } from "jose";
import { platformProblems, Problem } from "../http/problem.ts";
import { type AccessClaims, tokenAlgorithm, tokenAudience, tokenIssuer } from "./claims.ts";
import type { KeySource } from "./key_source.ts";
import { type ApiKeyLookup, type ApiKeyRecord, hashApiKeySecret } from "./api_keys.ts";
import { isWellFormedApiKey, looksLikeApiKey } from "./api_key_secret.ts";
import { apiKeySessionId, type Principal, sessionPrincipal } from "./principal.ts";
import { grantableScopes } from "./scopes.ts";
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

/** Verifies bearer tokens: access tokens and API keys. */
export interface TokenVerifier {
  /** Who the token or key speaks for, revocation checked; or a 401 Problem. */
  verify(token: string): Promise<Principal>;
  /**
   * Who the token or key names, its signature (or lookup) and expiry checked
   * but not the revocation list. For rate limits only, which must count a
   * caller without a store read of their own: never use it to authorise.
   */
  identify(token: string): Promise<Principal>;
}

/** What a verifier needs. */
export interface TokenVerifierOptions {
  keys: KeySource;
  revocations: RevocationList;
  /** The clock (tests move it to expire tokens). */
  now?: () => Date;
  /** How many verified tokens to remember (default 10 000; 0 turns the cache off). */
  cacheSize?: number;
  /** Finds API keys (cached: see ./api_keys.ts); without it every `fck_` key is refused. */
  apiKeys?: ApiKeyLookup;
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
  const verified = new Map<string, Principal>();
  const cacheSize = options.cacheSize ?? 10_000;

  async function keyFor(header: JWTHeaderParameters): Promise<CryptoKey> {
    // jose checks `alg` against `algorithms` before calling this; a kid is required
    // so that a key rotated out can never be matched by accident.
    const key = header.kid ? await options.keys.keyFor(header.kid) : undefined;
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  }

  function remember(token: string, claims: Principal): void {
    if (cacheSize === 0) return;
    // Evict the oldest entry (a Map keeps insertion order).
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
  }

  async function verifySignature(token: string): Promise<Principal> {
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
    const principal = sessionPrincipal(payload);
    remember(token, principal);
    return principal;
  }

  async function resolveApiKey(secret: string): Promise<Principal> {
    // The checksum is checked here, before any lookup: a mistyped key costs nothing.
    if (!isWellFormedApiKey(secret) || !options.apiKeys) throw unauthenticated();
    const record = await options.apiKeys(await hashApiKeySecret(secret));
    if (!record || (record.expiresAt !== null && record.expiresAt <= now().getTime())) {
      throw unauthenticated();
    }
    return keyPrincipal(record);
  }

  function identify(token: string): Promise<Principal> {
    return looksLikeApiKey(token) ? resolveApiKey(token) : verifySignature(token);
  }

  return {
    identify,
    async verify(token) {
      const principal = await identify(token);
      if (await options.revocations.isRevoked(principal)) throw unauthenticated();
      return principal;
    },
  };
}

/**
 * The principal of a live key: its owner, acting within the key's scopes,
 * less any the owner's role no longer grants (an admin demoted since).
 */
function keyPrincipal(record: ApiKeyRecord): Principal {
  const allowed = grantableScopes(record.role);
  return {
    sub: record.userId,
    role: record.role,
    sid: apiKeySessionId(record.id),
    jti: record.id,
    iat: Math.floor(record.createdAt / 1000),
    // A key without an expiry lives until it is revoked.
    exp: record.expiresAt === null ? Number.MAX_SAFE_INTEGER : Math.floor(record.expiresAt / 1000),
    scopes: record.scopes.filter((scope) => allowed.includes(scope)),
    keyId: record.id,
  };
}
