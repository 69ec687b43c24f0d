/**
 * Cookie mode of the auth routes, for browsers: the refresh token travels
 * only in an `HttpOnly`, `SameSite=Strict` cookie scoped to `/v1/auth`, so no
 * script (an injected one included) can read it.
 *
 * - A client asks for it with `X-FitConnect-Session: cookie` on register,
 *   login, refresh and logout. Without the header, JSON mode is unchanged
 *   (the refresh token in the body, both ways).
 * - In cookie mode the answer's body has no `refreshToken`; `Set-Cookie`
 *   carries it (`Secure` unless the client addressed localhost).
 * - Refresh and logout read the cookie, and are refused (403 FORBIDDEN)
 *   without `X-FitConnect-CSRF: 1`, a header no form and no cross-origin page
 *   can send without a CORS preflight the edge never grants; every cookie-mode
 *   request with an `Origin` must name the origin the client addressed.
 *
 * @module
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { requestPublicOrigin } from "../../shared/http/client_ip.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";

/** The header that selects cookie mode (`cookie`). */
export const sessionModeHeader = "x-fitconnect-session";
/** The header cookie-mode refresh and logout must carry (`1`). */
export const csrfHeader = "x-fitconnect-csrf";
/** The refresh cookie's name. */
export const refreshCookieName = "fitconnect_refresh";
/** Where the browser sends it: the refresh and logout routes (and nothing outside `/v1/auth`). */
export const refreshCookiePath = "/v1/auth";

const localHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True when the client asked for cookie mode. */
export function wantsCookieMode(c: Context): boolean {
  return c.req.header(sessionModeHeader)?.trim().toLowerCase() === "cookie";
}

/**
 * Refuses (403) a cookie-mode request that another origin could have made:
 * an `Origin` other than the one addressed, or, where the cookie is the
 * credential (`requireCsrfHeader`), a missing `X-FitConnect-CSRF: 1`.
 */
export function checkCookieModeRequest(
  c: Context,
  internalSecret: string,
  requireCsrfHeader: boolean,
): void {
  if (requireCsrfHeader && c.req.header(csrfHeader) !== "1") {
    throw new Problem(
      platformProblems.FORBIDDEN,
      `Cookie-mode refresh and logout need the header ${csrfHeader}: 1.`,
    );
  }
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== requestPublicOrigin(c, internalSecret)) {
    throw new Problem(
      platformProblems.FORBIDDEN,
      "The request comes from another origin than the one it addresses.",
    );
  }
}

/** The refresh token the cookie holds, if any. */
export function refreshTokenFromCookie(c: Context): string | undefined {
  const value = getCookie(c, refreshCookieName);
  return value ? value : undefined;
}

/** True unless the client addressed this machine over plain HTTP (a browser drops Secure there). */
function secureCookie(c: Context, internalSecret: string): boolean {
  return !localHosts.has(new URL(requestPublicOrigin(c, internalSecret)).hostname);
}

/** Sets the refresh cookie on the answer. */
export function setRefreshCookie(
  c: Context,
  internalSecret: string,
  refreshToken: string,
  maxAgeSeconds: number,
): void {
  setCookie(c, refreshCookieName, refreshToken, {
    path: refreshCookiePath,
    httpOnly: true,
    sameSite: "Strict",
    secure: secureCookie(c, internalSecret),
    maxAge: maxAgeSeconds,
  });
}

/** The `Set-Cookie` value that clears the refresh cookie. */
export function clearRefreshCookie(c: Context, internalSecret: string): void {
  deleteCookie(c, refreshCookieName, {
    path: refreshCookiePath,
    httpOnly: true,
    sameSite: "Strict",
    secure: secureCookie(c, internalSecret),
  });
}

/** The body of an auth answer without its refresh token (cookie mode). */
export function withoutRefreshToken<T extends { refreshToken: string }>(
  result: T,
): Omit<T, "refreshToken"> {
  const { refreshToken: _, ...rest } = result;
  return rest;
}
