/**
 * GraphQL errors carry the same codes as REST: `extensions: { code, status,
 * requestId }`, whether they come from a resolver, the parser, the validator
 * or the query limits.
 *
 * @module
 */
import { GraphQLError, parse } from "graphql";
import type { Context, MiddlewareHandler } from "hono";
import { Problem } from "../../shared/http/problem.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { readJson } from "../../shared/http/validation.ts";
import { graphqlProblems } from "./problems.ts";

interface WireError {
  message: string;
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The GraphQL error a resolver throws for a problem (from a worker or its own checks). */
export function problemToGraphQLError(problem: Problem, requestId: string): GraphQLError {
  return new GraphQLError(problem.detail, {
    extensions: {
      code: problem.code,
      status: problem.status,
      requestId,
      ...(problem.errors ? { errors: problem.errors } : {}),
    },
  });
}

/**
 * Accepts JSON with any charset (the server library wants the bare media
 * type) and turns unparsable JSON into the platform's 400 MALFORMED_JSON.
 */
export const normalizeGraphqlRequest: MiddlewareHandler<WorkerEnv> = async (c, next) => {
  let query: unknown = c.req.query("query");
  if (c.req.method === "POST") {
    const body = await readJson(c.req.raw);
    query ??= (body as { query?: unknown } | null)?.query;
    // Keep every header (Authorization above all); only the media type is normalised.
    const headers = new Headers(c.req.raw.headers);
    headers.set("content-type", "application/json");
    c.req.raw = new Request(c.req.raw.url, { method: "POST", headers, body: JSON.stringify(body) });
  }
  // Syntax errors are answered here: the server library would also print
  // their stack to stderr, outside the JSON log.
  if (typeof query === "string") {
    try {
      parse(query, { noLocation: true });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return c.json({
        errors: [{
          message: error.message,
          extensions: { code: "GRAPHQL_PARSE_FAILED", status: 400, requestId: c.get("requestId") },
        }],
      }, 400);
    }
  }
  await next();
};

/** Gives every error in a GraphQL response its code, status and request id. */
export const shapeGraphqlErrors: MiddlewareHandler<WorkerEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.get("content-type")?.startsWith("application/json")) return;
  const body = await c.res.clone().json() as { errors?: WireError[]; data?: unknown };
  if (!body.errors?.length) return;
  const status = c.res.status;
  body.errors = body.errors.map((error) => shapeError(c, error, status));
  // An execution error is a GraphQL result (200), never a server fault for
  // the client to see: only genuine failures keep a 5xx.
  const clientFault = body.errors.every((error) => Number(error.extensions?.status) < 500);
  const finalStatus = status >= 500 && clientFault ? 200 : status;
  // The server library drops `data` when a non-null root field failed; the
  // GraphQL spec says such a result has `data: null`.
  if (finalStatus === 200 && !("data" in body)) body.data = null;
  const headers = new Headers(c.res.headers);
  c.res = undefined;
  c.res = new Response(JSON.stringify(body), { status: finalStatus, headers });
};

function shapeError(c: Context<WorkerEnv>, error: WireError, httpStatus: number): WireError {
  const given = error.extensions?.code;
  const code = typeof given === "string" ? given : defaultCode(error, httpStatus);
  const catalogued = (graphqlProblems as Record<string, { status: number }>)[code];
  const status = Number(error.extensions?.status) || catalogued?.status ||
    (code === "INTERNAL" ? 500 : 400);
  const message = code === "INTERNAL"
    ? "Something went wrong on our side; quote the request id."
    : error.message;
  if (code === "INTERNAL") c.get("log").error("graphql error", { error: error.message });
  return {
    ...error,
    message,
    extensions: { ...error.extensions, code, status, requestId: c.get("requestId") },
  };
}

function defaultCode(error: WireError, httpStatus: number): string {
  if (httpStatus === 405) return "METHOD_NOT_ALLOWED";
  if (httpStatus === 400 && error.message.startsWith("Syntax Error")) return "GRAPHQL_PARSE_FAILED";
  if (httpStatus === 400) {
    return error.message === "Must provide query string."
      ? "BAD_REQUEST"
      : "GRAPHQL_VALIDATION_FAILED";
  }
  return "INTERNAL";
}
