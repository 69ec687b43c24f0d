/**
 * Who is calling, as every route sees it (`c.get("auth")`).
 *
 * @module
 */
import type { AccessClaims } from "./claims.ts";
import { type Scope, scopesOfRole } from "./scopes.ts";

/**
 * The claims of a verified access token, or of a resolved API key, plus the
 * caller's scopes. Only the verifier builds one, from what it checked: for a
 * key, `sid` is `apikey:<id>` (so the revocation list revokes it like a
 * login), `jti` its id, `iat` its creation and `exp` its expiry.
 */
export interface Principal extends AccessClaims {
  /** What the caller may do (./scopes.ts): a session's role's scopes, or the key's. */
  scopes: readonly Scope[];
  /** The API key's id when the caller is a key; absent for an access token. */
  keyId?: string;
}

/** The principal of a verified access token: its claims, picked one by one, and its role's scopes. */
export function sessionPrincipal(claims: AccessClaims): Principal {
  const { sub, role, sid, jti, iat, exp } = claims;
  return { sub, role, sid, jti, iat, exp, scopes: scopesOfRole(role) };
}

/** The login id under which an API key is revoked (./revocations.ts `revokeSession`). */
export function apiKeySessionId(keyId: string): string {
  return `apikey:${keyId}`;
}
