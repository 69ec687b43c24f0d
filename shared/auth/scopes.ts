/**
 * Scopes: what a caller may do on the REST API. Every route that acts for a
 * member declares the one it needs (`requireScope`, ./middleware.ts), next
 * to the route.
 *
 * - An access token (a signed-in session) has every scope its role allows.
 * - An API key has the scopes it was created with, which only ever come
 *   from `keyScopes` (`inventory:write` only for an admin's key). The
 *   session scopes are never granted to a key, so a key can never manage
 *   keys, close the account, pay or operate the platform.
 *
 * @module
 */
import type { Role } from "./claims.ts";

/** Scopes an API key may be created with. */
export const keyScopes = [
  "profile:read",
  "profile:write",
  "workouts:read",
  "workouts:write",
  "sessions:read",
  "sessions:write",
  "analytics:read",
  "notifications:read",
  "notifications:write",
  "inventory:read",
  "inventory:write",
  "payments:read",
] as const;

/**
 * Scopes only a signed-in session holds: `account` (API keys, closing the
 * account), `payments:write` (checkout, confirmation, refunds) and
 * `operations` (the queue's dead letters).
 */
export const sessionScopes = ["account", "payments:write", "operations"] as const;

/** A scope a key may hold. */
export type KeyScope = typeof keyScopes[number];
/** Any scope a route may require. */
export type Scope = KeyScope | typeof sessionScopes[number];

/** Key scopes that only an admin's key may hold. */
export const adminKeyScopes: readonly KeyScope[] = ["inventory:write"];

const memberScopes: readonly Scope[] = [
  ...keyScopes.filter((scope) => !adminKeyScopes.includes(scope)),
  ...sessionScopes,
];
const adminScopes: readonly Scope[] = [...keyScopes, ...sessionScopes];

/** Every scope a session of `role` holds. */
export function scopesOfRole(role: Role): readonly Scope[] {
  return role === "admin" ? adminScopes : memberScopes;
}

/** The key scopes `role` may grant to a key it creates. */
export function grantableScopes(role: Role): readonly KeyScope[] {
  return role === "admin" ? keyScopes : keyScopes.filter((s) => !adminKeyScopes.includes(s));
}
