/**
 * The middleware every worker puts in front of its private routes:
 * `requireAuth` (who), then `requireScope` (may they do this), declared on
 * each route next to it.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { defineProblems, platformProblems, Problem } from "../http/problem.ts";
import type { Role } from "./claims.ts";
import type { Principal } from "./principal.ts";
import type { Scope } from "./scopes.ts";
import { unauthenticated } from "./verifier.ts";
import type { TokenVerifier } from "./verifier.ts";

/** Codes of refused access beyond the platform's 401/403. */
export const accessProblems = defineProblems({
  INSUFFICIENT_SCOPE: { status: 403, title: "Insufficient scope" },
});

/** Context variables set by `requireAuth`. */
export type AuthEnv = { Variables: { auth: Principal } };

/** An access token (three base64url parts) or an API key (`fck_…`, checked by the verifier). */
const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*|fck_[A-Za-z0-9]{1,64})$/;

/** The token of an `Authorization: Bearer <token>` header, or a 401. */
export function bearerToken(header: string | null): string {
  const match = bearer.exec(header ?? "");
  if (!match) throw unauthenticated();
  return match[1];
}

/** 401 without a valid `Authorization: Bearer <token>`; sets `auth` (the principal) otherwise. */
export function requireAuth(verifier: TokenVerifier): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set("auth", await verifier.verify(bearerToken(c.req.raw.headers.get("authorization"))));
    await next();
  };
}

/** Context variables set by `optionalAuth`: the caller's id, or undefined when anonymous. */
export type ViewerEnv = { Variables: { viewer: string | undefined; auth?: Principal } };

/**
 * For routes anyone may read: without `Authorization` the caller is anonymous
 * (`viewer` undefined); a header that is present but not a valid token is
 * 401, never silently anonymous.
 */
export function optionalAuth(verifier: TokenVerifier): MiddlewareHandler<ViewerEnv> {
  return async (c, next) => {
    const header = c.req.raw.headers.get("authorization");
    const principal = header === null ? undefined : await verifier.verify(bearerToken(header));
    c.set("auth", principal);
    c.set("viewer", principal?.sub);
    await next();
  };
}

/** The 403 of a caller without `scope`. */
export function insufficientScope(scope: Scope): Problem {
  return new Problem(
    accessProblems.INSUFFICIENT_SCOPE,
    `This requires the ${scope} scope, which your credentials do not have.`,
    { extensions: { scope } },
  );
}

/**
 * 403 INSUFFICIENT_SCOPE unless the caller holds `scope` (after `requireAuth`,
 * or `optionalAuth`: an anonymous caller passes, as the route allows them).
 */
export function requireScope(
  scope: Scope,
): MiddlewareHandler<{ Variables: { auth?: Principal } }> {
  return async (c, next) => {
    const auth = c.get("auth");
    if (auth && !auth.scopes.includes(scope)) {
      // A session holds every scope its role allows: what it lacks, its role forbids.
      if (!auth.keyId) {
        throw new Problem(platformProblems.FORBIDDEN, "Your role does not allow this.");
      }
      throw insufficientScope(scope);
    }
    await next();
  };
}

/** 403 FORBIDDEN unless the authenticated caller has `role` (use after `requireAuth`). */
export function requireRole(role: Role): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (c.get("auth").role !== role) {
      throw new Problem(platformProblems.FORBIDDEN, `This requires the ${role} role.`);
    }
    await next();
  };
}
