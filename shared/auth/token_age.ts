/**
 * The age rule of access tokens, on top of `exp`: a token must not claim to
 * be issued in the future (beyond the clock skew), nor to live longer than
 * the access-token lifetime. Either would mean a token that outlives what
 * revocation entries and key rotation assume: a leaked or rotated-out signing
 * key could mint tokens valid for years, or revocations (kept for one
 * lifetime) could expire before the token does.
 *
 * @module
 */
import { type AccessClaims, accessTokenLifetimeSec, tokenClockSkewSec } from "./claims.ts";

/** True when `claims` were issued no later than now (+ skew) and live at most one lifetime. */
export function hasPlausibleAge(claims: Pick<AccessClaims, "iat" | "exp">, now: Date): boolean {
  const { iat, exp } = claims;
  if (!Number.isFinite(iat) || !Number.isFinite(exp)) return false;
  const nowSec = now.getTime() / 1000;
  // The auth worker sets exp = iat + lifetime from one clock: no skew belongs in the difference.
  return iat <= nowSec + tokenClockSkewSec && exp - iat <= accessTokenLifetimeSec;
}
