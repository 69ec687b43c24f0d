/**
 * The shape of every id the API puts in a path: opaque, but never more than
 * 100 letters, digits, `-` or `_`. A path value outside it cannot name
 * anything, so services answer "not found" without asking a store (a NUL or
 * a malformed UUID would otherwise reach the database as a query error).
 *
 * @module
 */

/** 1–100 letters, digits, `-` or `_`. */
export const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** True when `value` could be an id of this API. */
export function isPathId(value: string): boolean {
  return idPattern.test(value);
}
