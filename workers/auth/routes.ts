/**
 * The auth worker's HTTP surface: `/v1/auth/*`, the JWKS, and the internal
 * routes its peers call: the users worker closes an account, the
 * notifications worker lists the admins.
 *
 * @module
 */
import { Hono } from "hono";
import * as v from "valibot";
import type { Context } from "hono";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { requestClientIp } from "../../shared/http/client_ip.ts";
import { rateLimitHeaders } from "../../shared/http/rate_limit.ts";
import { jsonBody } from "../../shared/http/validation.ts";
import type { KeyRing } from "./keys.ts";
import { identityId, loginBody, refreshBody, registerBody } from "./schema.ts";
import type { AuthService } from "./service.ts";
import { authProblems } from "./problems.ts";
import { authDocs } from "./route_docs.ts";
import {
  checkCookieModeRequest,
  clearRefreshCookie,
  refreshTokenFromCookie,
  setRefreshCookie,
  wantsCookieMode,
  withoutRefreshToken,
} from "./session_cookie.ts";

/** What the routes need. */
export interface AuthRoutesDeps {
  service: AuthService;
  keys: () => Promise<KeyRing>;
  internalSecret: string;
  /** How long the refresh cookie lives: a login's absolute lifetime. */
  refreshCookieMaxAgeSeconds: number;
}

/** The routes, chained so `hc` clients see their types. */
export function authRoutes(
  { service, keys, internalSecret, refreshCookieMaxAgeSeconds }: AuthRoutesDeps,
) {
  const call = (c: { get(key: "requestId"): string }, ip: string) => ({
    requestId: c.get("requestId"),
    clientIp: ip,
  });
  /** Refuses a cookie-mode request another origin could have sent, before any work. */
  const guardCookieMode = (c: Context, refreshOrLogout: boolean) => {
    const cookieMode = wantsCookieMode(c);
    if (cookieMode) checkCookieModeRequest(c, internalSecret, refreshOrLogout);
    return cookieMode;
  };
  /** The answer of register, login and refresh: the refresh token in the body, or in the cookie. */
  const issued = <T extends { refreshToken: string }>(
    c: Context,
    cookieMode: boolean,
    result: T,
  ) => {
    if (!cookieMode) return result;
    setRefreshCookie(c, internalSecret, result.refreshToken, refreshCookieMaxAgeSeconds);
    return withoutRefreshToken(result);
  };

  return new Hono<WorkerEnv>()
    .get("/.well-known/jwks.json", authDocs.jwks, async (c) => {
      // Verifiers cache these; a short max-age lets a newly published key spread quickly.
      c.header("cache-control", "public, max-age=300");
      return c.json({ keys: (await keys()).jwks });
    })
    .post("/v1/auth/register", authDocs.register, jsonBody(registerBody), async (c) => {
      const cookieMode = guardCookieMode(c, false);
      const { result, limit } = await service.register(
        c.req.valid("json"),
        call(c, requestClientIp(c, internalSecret)),
      );
      return c.json(issued(c, cookieMode, result), 201, {
        ...rateLimitHeaders(limit),
        "cache-control": "no-store",
      });
    })
    .post("/v1/auth/login", authDocs.login, jsonBody(loginBody), async (c) => {
      const cookieMode = guardCookieMode(c, false);
      const { result, limit } = await service.login(
        c.req.valid("json"),
        call(c, requestClientIp(c, internalSecret)),
      );
      return c.json(issued(c, cookieMode, result), 200, {
        ...rateLimitHeaders(limit),
        "cache-control": "no-store",
      });
    })
    // Cookie mode answers here (the body is not read); JSON mode goes on to the body's token.
    .post(
      "/v1/auth/refresh",
      authDocs.refresh,
      async (c, next) => {
        if (!guardCookieMode(c, true)) return await next();
        const token = refreshTokenFromCookie(c);
        try {
          if (!token) {
            throw new Problem(
              platformProblems.UNAUTHENTICATED,
              "There is no refresh cookie; sign in again.",
            );
          }
          const result = await service.refresh(token, call(c, requestClientIp(c, internalSecret)));
          return c.json(issued(c, true, result), 200, { "cache-control": "no-store" });
        } catch (error) {
          // A refused cookie is of no further use: the browser drops it with the refusal.
          if (!(error instanceof Problem) || error.status !== 401) throw error;
          clearRefreshCookie(c, internalSecret);
          const refused = error.getResponse(c.get("requestId"));
          return c.body(await refused.text(), refused);
        }
      },
      jsonBody(refreshBody),
      async (c) => {
        const result = await service.refresh(
          c.req.valid("json").refreshToken,
          call(c, requestClientIp(c, internalSecret)),
        );
        return c.json(result, 200, { "cache-control": "no-store" });
      },
    )
    .post(
      "/v1/auth/logout",
      authDocs.logout,
      async (c, next) => {
        if (!guardCookieMode(c, true)) return await next();
        const token = refreshTokenFromCookie(c);
        if (token) await service.logout(token);
        clearRefreshCookie(c, internalSecret);
        return c.body(null, 204);
      },
      jsonBody(refreshBody),
      async (c) => {
        await service.logout(c.req.valid("json").refreshToken);
        return c.body(null, 204);
      },
    )
    // Idempotent: an identity already gone is 204 too, so a retried closing finishes the job.
    .delete("/internal/identities/:userId", async (c) => {
      const userId = c.req.param("userId");
      if (!v.is(identityId, userId)) {
        throw new Problem(authProblems.IDENTITY_NOT_FOUND, "There is no identity with this id.");
      }
      await service.deleteIdentity(userId, c.get("requestId"));
      return c.body(null, 204);
    })
    // Peers only (the `/internal/*` guard): the notifications worker fans out to admins.
    .get("/internal/auth/admins", async (c) => {
      return c.json({ items: await service.listAdmins() }, 200, { "cache-control": "no-store" });
    });
}
