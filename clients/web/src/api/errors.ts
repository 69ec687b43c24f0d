/**
 * Any failure of a request as a problem+json body, so forms place field errors the same way
 * whether the call went through GraphQL (`extensions.errors`) or REST (`errors[]`).
 *
 * @module
 */
import { GraphqlError } from "@fitconnect/clients-shared/graphql";
import { type Problem, ProblemError } from "./problem.ts";

/** The problem behind `error` (a network failure is code `NETWORK`, status 0). */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof GraphqlError) {
    const first = error.errors[0]?.extensions;
    return {
      title: error.message,
      detail: error.message,
      status: error.status,
      code: error.status === 0 ? "NETWORK" : error.code,
      errors: error.errors.flatMap((entry) => entry.extensions?.errors ?? []),
      requestId: first?.requestId,
    };
  }
  return { title: String(error), status: 0, code: "NETWORK" };
}

/** True when no answer came (offline, DNS, reset): show a retry. */
export function isNetworkFailure(error: unknown): boolean {
  return problemOf(error).code === "NETWORK";
}
