/**
 * The only module that handles the refresh credential: refreshing the access token, and
 * ending the login (logout). Nothing else sees a refresh token.
 *
 * Two modes:
 *
 * - `json`: the refresh token comes in the login's body and is kept here, in memory only —
 *   never in storage. A reload ends the session.
 * - `cookie` (this build): login and sign-up ask for it (`X-FitConnect-Session: cookie`, see
 *   {@linkcode sessionModeHeaders}) and the auth worker keeps the refresh token in an
 *   `HttpOnly`, `SameSite=Strict` cookie on `/v1/auth`: no script ever holds it. Refresh and
 *   logout send it (same origin) with the CSRF header the server asks for, and a reload signs
 *   in again through {@linkcode resumeSession}.
 *
 * Refreshes are one at a time across tabs (Web Locks): the cookie is shared, and a rotated
 * token presented twice would end the login everywhere.
 *
 * @module
 */
import { useSyncExternalStore } from "react";
import { sendJson } from "./http.ts";
import { ProblemError } from "./problem.ts";
import {
  type AuthPayload,
  clearSession,
  currentSession,
  type Session,
  startSession,
} from "./session.ts";

/** Where the refresh credential lives. */
export type RefreshMode = "json" | "cookie";

/** The mode of this build. */
export const refreshMode: RefreshMode = "cookie";

/** What login and sign-up send to choose the mode (nothing for JSON mode). */
export function sessionModeHeaders(): Record<string, string> {
  return refreshMode === "cookie" ? { "x-fitconnect-session": "cookie" } : {};
}

/** What refresh and logout send: the mode, and in cookie mode the CSRF header. */
function credentialHeaders(): Record<string, string> {
  return refreshMode === "cookie" ? { ...sessionModeHeaders(), "x-fitconnect-csrf": "1" } : {};
}

/** Runs `call` while no other tab of this origin refreshes or logs out. */
function oneTabAtATime<T>(call: () => Promise<T>): Promise<T> {
  return typeof navigator !== "undefined" && navigator.locks
    ? navigator.locks.request("fitconnect-refresh", call)
    : call();
}

/** Refresh this long before the access token expires. */
const earlyMs = 60_000;

let refreshToken: string | undefined;
let inFlight: Promise<boolean> | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function scheduleRefresh(session: Session) {
  if (timer !== undefined) clearTimeout(timer);
  const wait = Math.max(5_000, session.expiresAt - Date.now() - earlyMs);
  timer = setTimeout(() => void refreshSession(), wait);
}

/** Starts the session of a login or registration, keeping its refresh credential. */
export function adoptLogin(payload: AuthPayload): Session {
  if (refreshMode === "json") refreshToken = payload.refreshToken;
  const session = startSession(payload);
  scheduleRefresh(session);
  return session;
}

function credentialBody(): { refreshToken: string } | undefined {
  return refreshMode === "json" && refreshToken ? { refreshToken } : undefined;
}

function forget() {
  refreshToken = undefined;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  clearSession();
}

/**
 * A new access token (and, rotated, a new refresh credential). One call at a time: concurrent
 * callers share it, so a rotated token is never presented twice (that would end the login).
 * True when the session goes on; false when it ended (refused, or nothing to refresh with).
 */
export function refreshSession(): Promise<boolean> {
  if (inFlight) return inFlight;
  const body = credentialBody();
  if (refreshMode === "json" && !body) return Promise.resolve(false);
  inFlight = (async () => {
    try {
      const payload = await oneTabAtATime(() =>
        sendJson<AuthPayload>("/v1/auth/refresh", {
          method: "POST",
          body,
          headers: credentialHeaders(),
          credentials: "same-origin",
        })
      );
      adoptLogin(payload);
      return true;
    } catch (error) {
      // A refusal ends the session; a network failure keeps it (retried at the next call).
      if (error instanceof ProblemError && error.status >= 400 && error.status < 500) {
        forget();
        return false;
      }
      if (currentSession()) scheduleRefresh(currentSession()!);
      return false;
    } finally {
      inFlight = undefined;
    }
  })();
  return inFlight;
}

/** Ends the login on the server (best effort) and here (always). */
export async function endSession(): Promise<void> {
  const body = credentialBody();
  forget();
  if (refreshMode === "json" && !body) return;
  try {
    await oneTabAtATime(() =>
      sendJson<void>("/v1/auth/logout", {
        method: "POST",
        body,
        headers: credentialHeaders(),
        credentials: "same-origin",
      })
    );
  } catch {
    // Logged out here either way; the refresh token expires on its own.
  }
}

let resuming = refreshMode === "cookie";
const resumeListeners = new Set<() => void>();

/**
 * At start (cookie mode): signs the member in again from the refresh cookie, if there is one,
 * so a reload keeps the session. Without a cookie the server says 401 and nobody is signed in.
 */
export function resumeSession(): Promise<boolean> {
  if (!resuming) return Promise.resolve(currentSession() !== undefined);
  return refreshSession().finally(() => {
    resuming = false;
    for (const listener of resumeListeners) listener();
  });
}

/** True until {@linkcode resumeSession} has answered: screens wait rather than ask to log in. */
export function useResuming(): boolean {
  return useSyncExternalStore(
    (listener) => {
      resumeListeners.add(listener);
      return () => resumeListeners.delete(listener);
    },
    () => resuming,
    () => false,
  );
}
