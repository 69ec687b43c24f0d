/**
 * The middleware every worker puts in front of its private routes.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { platformProblems, Problem } from "../http/problem.ts";
import type { AccessClaims, Role } from "./claims.ts";
import { unauthenticated } from "./verifier.ts";
import type { TokenVerifier } from "./verifier.ts";

/** Context variables set by `requireAuth`. */
export type AuthEnv = { Variables: { auth: AccessClaims } };

const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/** The token of an `Authorization: Bearer <token>` header, or a 401. */
function bearerToken(header: string | null): string {
  const match = bearer.exec(header ?? "");
  if (!match) throw unauthenticated();
  return match[1];
}

/** 401 without a valid `Authorization: Bearer <token>`; sets `auth` (the claims) otherwise. */
export function requireAuth(verifier: TokenVerifier): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set("auth", await verifier.verify(bearerToken(c.req.raw.headers.get("authorization"))));
    await next();
  };
}

/** Context variables set by `optionalAuth`: the caller's id, or undefined when anonymous. */
export type ViewerEnv = { Variables: { viewer: string | undefined } };

/**
 * For routes anyone may read: without `Authorization` the caller is anonymous
 * (`viewer` undefined); a header that is present but not a valid token is
 * 401, never silently anonymous.
 */
export function optionalAuth(verifier: TokenVerifier): MiddlewareHandler<ViewerEnv> {
  return async (c, next) => {
    const header = c.req.raw.headers.get("authorization");
    c.set("viewer", header === null ? undefined : (await verifier.verify(bearerToken(header))).sub);
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
