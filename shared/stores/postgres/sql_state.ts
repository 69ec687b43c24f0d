/**
 * Postgres' SQLSTATE of a failed statement (`23505` unique violation, `23514`
 * check violation…), whichever adapter raised it: the Neon driver and PGlite
 * both put it on `code`, and drizzle wraps their errors in a `cause`.
 *
 * @module
 */

/** The SQLSTATE of a driver error, looking through drizzle's wrapping `cause`. */
export function sqlState(error: unknown): string | undefined {
  // Any object: a driver's error need not be an `Error` of this realm.
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
