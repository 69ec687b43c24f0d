/**
 * What an access token says, and the rules every verifier applies to it.
 *
 * @module
 */

/** Roles a member can have. */
export type Role = "member" | "admin";

/** The claims of a verified access token. */
export interface AccessClaims {
  /** The user's id. */
  sub: string;
  role: Role;
  /** The login (refresh-token family) the token belongs to. */
  sid: string;
  jti: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

/** `iss` of every access token. */
export const tokenIssuer = "https://fitconnect.dev";
/** `aud` of every access token: the platform's API. */
export const tokenAudience = "fitconnect-api";
/**
 * The only signing algorithm accepted (Ed25519); anything else (`none`, `HS256`, `ES256`, …) is
 * refused. EdDSA over ES256: verification is about six times cheaper here, and every request pays it.
 */
export const tokenAlgorithm = "EdDSA";
/** Access tokens live 15 minutes: the longest a revoked-but-unexpired token could matter. */
export const accessTokenLifetimeSec = 15 * 60;
/**
 * How far the clocks of the auth worker and a verifier may disagree (seconds): an `iat` up to this
 * far in the future is still accepted, since isolates on different hosts never agree exactly.
 */
export const tokenClockSkewSec = 60;
