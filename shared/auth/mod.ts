/**
 * Authentication shared by every worker: access-token claims, verification
 * against the auth worker's published keys, revocation, and the middleware.
 *
 * @module
 */
export * from "./claims.ts";
export * from "./key_source.ts";
export * from "./middleware.ts";
export * from "./revocations.ts";
export * from "./verifier.ts";
