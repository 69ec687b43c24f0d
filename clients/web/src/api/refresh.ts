/**
 * The only module that handles the refresh credential: refreshing the access token, and
 * ending the login (logout). Nothing else sees a refresh token.
 *
 * Two modes:
 *
 * - `json` (the API today): the refresh token comes in the login's body and is kept here, in
 *   memory only — never in storage. A reload ends the session.
 * - `cookie` (when the auth worker sets the `HttpOnly`, `SameSite=Strict` refresh cookie on
 *   `/v1/auth/refresh` and `/v1/auth/logout`): no script ever holds it; these calls send it
 *   with `credentials: "include"`, and a reload signs in again through {@linkcode refreshSession}.
 *   Flip {@linkcode refreshMode} (and add the CSRF header the server asks for) in this file only.
 *
 * @module
 */
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
export const refreshMode: RefreshMode = "json";

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
      const payload = await sendJson<AuthPayload>("/v1/auth/refresh", {
        method: "POST",
        body: body ?? {},
        credentials: refreshMode === "cookie" ? "include" : "same-origin",
      });
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
    await sendJson<void>("/v1/auth/logout", {
      method: "POST",
      body: body ?? {},
      credentials: refreshMode === "cookie" ? "include" : "same-origin",
    });
  } catch {
    // Logged out here either way; the refresh token expires on its own.
  }
}
