/**
 * GraphQL arguments as the REST routes take them. The types are the routes'
 * (so a call names the route's own fields), the values are the client's as
 * GraphQL validated them: the worker validates them again, as it does for
 * every REST client.
 *
 * @module
 */

/**
 * The input without absent or null members, at any depth: in GraphQL an
 * optional argument given as `null` means "not given", which the REST body
 * says by leaving the member out.
 */
export function withoutNulls<T>(input: T): T {
  if (Array.isArray(input)) return input.map(withoutNulls) as T;
  if (input === null || typeof input !== "object") return input;
  return Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, withoutNulls(value)]),
  ) as T;
}

/** A mutation's input as the route's JSON body (typed as the route takes it). */
export function restBody<Body>(input: Record<string, unknown>): Body {
  return withoutNulls(input) as Body;
}

/** List arguments as the route's query: strings, only the ones given (typed as the route takes it). */
export function restQuery<Query>(args: Record<string, unknown>): Query {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value !== undefined && value !== null) query[key] = String(value);
  }
  return query as Query;
}
