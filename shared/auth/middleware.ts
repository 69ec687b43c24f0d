/**
 * The middleware every worker puts in front of its private routes.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { Problem } from "../http/problem.ts";
import type { AccessClaims, Role } from "./claims.ts";
import { unauthenticated } from "./verifier.ts";
import type { TokenVerifier } from "./verifier.ts";

/** Context variables set by `requireAuth`. */
export type AuthEnv = { Variables: { auth: AccessClaims } };

const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/** 401 without a valid `Authorization: Bearer <token>`; sets `auth` (the claims) otherwise. */
export function requireAuth(verifier: TokenVerifier): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const match = bearer.exec(c.req.raw.headers.get("authorization") ?? "");
    if (!match) throw unauthenticated();
    c.set("auth", await verifier.verify(match[1]));
    await next();
  };
}

/** 403 FORBIDDEN unless the authenticated caller has `role` (use after `requireAuth`). */
export function requireRole(role: Role): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (c.get("auth").role !== role) {
      throw new Problem("FORBIDDEN", `This requires the ${role} role.`);
    }
    await next();
  };
}
