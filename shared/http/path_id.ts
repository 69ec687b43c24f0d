/**
 * The shape of every id the API puts in a path: opaque, but never more than
 * 100 letters, digits, `-` or `_`. A path value outside it cannot name
 * anything, so services answer "not found" without asking a store (a NUL or
 * a malformed UUID would otherwise reach the database as a query error).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { Problem } from "./problem.ts";

/** 1–100 letters, digits, `-` or `_`. */
export const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** True when `value` could be an id of this API. */
export function isPathId(value: string): boolean {
  return idPattern.test(value);
}

/**
 * Middleware that answers `notFound()` unless the route's `:name` matches
 * `pattern`: checked before the body, the query or any store, so a malformed
 * id is the same 404 as an unknown one whatever else the request holds.
 */
export function shapedParam(
  name: string,
  pattern: RegExp,
  notFound: () => Problem,
): MiddlewareHandler {
  return async (c, next) => {
    if (!pattern.test(c.req.param(name) ?? "")) throw notFound();
    await next();
  };
}
