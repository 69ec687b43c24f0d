/**
 * The signed-in member, in memory only: the access token is never written to storage, so a
 * script injected later cannot read one left behind. A reload signs in again through
 * ./refresh.ts (the refresh cookie, once the server sets one).
 *
 * @module
 */
import { useSyncExternalStore } from "react";

/** Who is signed in. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: "member" | "admin";
}

/** The in-memory session. */
export interface Session {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  user: SessionUser;
}

/** What the auth endpoints answer. */
export interface AuthPayload {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  expiresIn: number;
  user: { id: string; email: string; displayName: string };
}

let current: Session | undefined;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

/** The role claim of an access token (read, not verified: the API verifies). */
export function roleOf(accessToken: string): "member" | "admin" {
  try {
    const part = accessToken.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
    const claims = JSON.parse(atob(part.padEnd(Math.ceil(part.length / 4) * 4, "=")));
    return claims.role === "admin" ? "admin" : "member";
  } catch {
    return "member";
  }
}

/** Starts (or renews) the session from an auth answer. */
export function startSession(payload: AuthPayload): Session {
  current = {
    accessToken: payload.accessToken,
    expiresAt: Date.now() + payload.expiresIn * 1_000,
    user: { ...payload.user, role: roleOf(payload.accessToken) },
  };
  notify();
  return current;
}

/** Forgets the session (logout, refused refresh). */
export function clearSession(): void {
  if (!current) return;
  current = undefined;
  notify();
}

/** The current session, if any. */
export function currentSession(): Session | undefined {
  return current;
}

/** The access token for a request, if signed in. */
export function accessToken(): string | undefined {
  return current?.accessToken;
}

/** Calls `listener` on every change. */
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session, re-rendering on change. */
export function useSession(): Session | undefined {
  return useSyncExternalStore(subscribeSession, currentSession, () => undefined);
}
