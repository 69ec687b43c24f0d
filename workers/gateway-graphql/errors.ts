/**
 * GraphQL errors carry the same codes as REST: `extensions: { code, status,
 * requestId }`, whether they come from a resolver, the request's shape, the
 * parser, the validator or the query limits.
 *
 * A client mistake is always a 4xx; an error without a code is a fault of
 * ours, logged and shown only as INTERNAL.
 *
 * @module
 */
import { GraphQLError } from "graphql";
import type { Logger } from "../../shared/logging/logger.ts";
import type { ProblemKind, ReceivedProblem } from "../../shared/http/problem.ts";

/** One error as the client receives it. */
export interface WireError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: { code: string; status: number; requestId: string; [key: string]: unknown };
}

/** A GraphQL response body. */
export interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: WireError[];
}

/**
 * The error for a problem of a catalog (`graphqlProblems.ID_INVALID`,
 * `platformProblems.RATE_LIMITED`): its code and status as REST would answer.
 */
export function clientError(
  kind: ProblemKind,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...extensions, code: kind.code, status: kind.status },
  });
}

/**
 * A worker's problem+json answer as a GraphQL error: the code, status and
 * `errors[]` (pointers included) it was answered with, kept as they were.
 */
export function relayedError(problem: ReceivedProblem, requestId: string): GraphQLError {
  const { detail, code, status, errors } = problem;
  return new GraphQLError(detail, {
    extensions: { code, status, requestId, ...(errors ? { errors } : {}) },
  });
}

/** The status an error stands for: its own, else 400 for a coded one (a client mistake), else 500. */
export function statusOf(error: GraphQLError): number {
  const status = Number(error.extensions?.status);
  if (Number.isInteger(status) && status >= 400 && status <= 599) return status;
  return typeof error.extensions?.code === "string" ? 400 : 500;
}

/** `error` as the client sees it; uncoded errors are logged and masked. */
export function toWireError(error: GraphQLError, requestId: string, log: Logger): WireError {
  const code = error.extensions?.code;
  if (typeof code !== "string") {
    const cause = error.originalError ?? error;
    log.error("graphql error", {
      error: cause.message,
      stack: cause.stack,
      path: error.path?.join("."),
    });
    return {
      message: "Something went wrong on our side; quote the request id.",
      ...(error.path ? { path: error.path } : {}),
      extensions: { code: "INTERNAL", status: 500, requestId },
    };
  }
  const { message, locations, path, extensions } = error.toJSON();
  return {
    message,
    ...(locations ? { locations } : {}),
    ...(path ? { path } : {}),
    extensions: { ...extensions, code, status: statusOf(error), requestId },
  };
}

/** The JSON response of a GraphQL answer (`body` may be its JSON text already). */
export function graphqlResponse(
  body: GraphqlBody | string,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** The response refusing a request with `errors` (nothing ran: no `data`). */
export function refusalResponse(
  errors: readonly GraphQLError[],
  requestId: string,
  log: Logger,
  headers: Record<string, string> = {},
): Response {
  const wire = errors.map((error) => toWireError(error, requestId, log));
  return graphqlResponse(
    { errors: wire },
    Math.max(...wire.map((e) => e.extensions.status)),
    headers,
  );
}
