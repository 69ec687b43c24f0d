/**
 * Client-supplied ids inside worker paths (`/v1/workouts/${id}`): each is
 * one percent-encoded segment, so no id can add a segment, climb out of its
 * route (`../../internal/health`) or carry a byte a worker would choke on.
 *
 * `.` and `..` are refused rather than encoded: URL parsers resolve `%2e`
 * like a dot, so no encoding keeps them in place.
 *
 * @module
 */
import { clientError } from "./errors.ts";
import { graphqlProblems } from "./problems.ts";

/** Longer than any id, SKU or slug the platform hands out. */
const maxLength = 256;

// deno-lint-ignore no-control-regex -- control characters are exactly what is refused
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** `value` as one path segment; a 400 ID_INVALID GraphQL error when it cannot be an id. */
export function pathSegment(value: string, argument = "id"): string {
  if (
    typeof value !== "string" || value === "" || value === "." || value === ".." ||
    value.length > maxLength || controlCharacter.test(value)
  ) {
    throw clientError(graphqlProblems.ID_INVALID, `\`${argument}\` is not a valid identifier.`, {
      errors: [{ pointer: argument, detail: "must be an identifier this API handed out" }],
    });
  }
  return encodeURIComponent(value);
}
