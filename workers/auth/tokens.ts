/**
 * Issuing tokens: short-lived signed access tokens and opaque refresh tokens
 * that are stored only as hashes.
 *
 * @module
 */
import { SignJWT } from "jose";
import {
  accessTokenLifetimeSec,
  type Role,
  tokenAlgorithm,
  tokenAudience,
  tokenIssuer,
} from "../../shared/auth/claims.ts";
import { randomToken, sha256 } from "../../shared/crypto/random.ts";
import type { KeyRing } from "./keys.ts";

/** Signs an access token for `userId` in login `sid`. */
export async function signAccessToken(
  keys: KeyRing,
  claims: { userId: string; role: Role; sid: string },
  now: Date,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return await new SignJWT({ role: claims.role, sid: claims.sid })
    .setProtectedHeader({ alg: tokenAlgorithm, kid: keys.signer.kid, typ: "JWT" })
    .setIssuer(tokenIssuer)
    .setAudience(tokenAudience)
    .setSubject(claims.userId)
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + accessTokenLifetimeSec)
    .sign(keys.signer.key);
}

/** A new opaque refresh token: 256 random bits, URL-safe. */
export function newRefreshToken(): string {
  return "rt_" + randomToken(32);
}

/** What is stored for a refresh token: its SHA-256, so a database leak yields no usable token. */
export function hashRefreshToken(token: string): Promise<string> {
  return sha256(token);
}
