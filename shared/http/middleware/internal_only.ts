/**
 * Guards `/internal/*`: only peers holding the platform's internal secret see
 * these routes; to anyone else they do not exist (404, not 403).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { timingSafeEqual } from "node:crypto";
import { internalSecretHeader } from "../../bindings/service_binding.ts";
import { platformProblems, Problem } from "../problem.ts";

/** True when `request` carries the platform's internal secret: it comes from a peer worker. */
export function isInternalCall(request: Request, secret: string): boolean {
  const given = request.headers.get(internalSecretHeader);
  return given !== null && sameSecret(given, secret);
}

/** Passes only requests whose `x-fitconnect-internal` equals `secret`. */
export function internalOnly(secret: string): MiddlewareHandler {
  return (c, next) => {
    if (!isInternalCall(c.req.raw, secret)) {
      throw new Problem(platformProblems.NOT_FOUND, `No route for ${c.req.method} ${c.req.path}.`);
    }
    return next();
  };
}

const encoder = new TextEncoder();

/** Constant-time comparison of a given value with a secret, so timing does not leak it. */
export function sameSecret(given: string, secret: string): boolean {
  const a = encoder.encode(given);
  const b = encoder.encode(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
