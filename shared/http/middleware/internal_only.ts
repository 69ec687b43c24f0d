/**
 * Guards `/internal/*`: only peers holding the platform's internal secret see
 * these routes; to anyone else they do not exist (404, not 403).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { timingSafeEqual } from "node:crypto";
import { internalSecretHeader } from "../../bindings/service_binding.ts";
import { Problem } from "../problem.ts";

/** Passes only requests whose `x-fitconnect-internal` equals `secret`. */
export function internalOnly(secret: string): MiddlewareHandler {
  const expected = new TextEncoder().encode(secret);
  return async (c, next) => {
    const given = c.req.raw.headers.get(internalSecretHeader);
    if (!given || !sameBytes(new TextEncoder().encode(given), expected)) {
      throw new Problem("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`);
    }
    await next();
  };
}

/** Constant-time comparison, so timing does not leak the secret. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
