/**
 * The parameters of a GraphQL-over-HTTP request — `query`, `variables`,
 * `operationName`, `extensions` — read strictly from a GET's query string or
 * a POST's JSON object. Anything else is the client's mistake: a 400
 * BAD_REQUEST naming what is wrong, never a server error.
 *
 * @module
 */
import type { GraphQLError } from "graphql";
import { readJson } from "../../shared/http/validation.ts";
import { platformProblems } from "../../shared/http/problem.ts";
import { clientError } from "./errors.ts";

/** One GraphQL request. */
export interface GraphqlParams {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** A request as read: its query may be absent when `extensions` names a persisted one. */
export interface GraphqlRequestParams extends Omit<GraphqlParams, "query"> {
  query?: string;
  extensions?: Record<string, unknown>;
}

const names = ["query", "variables", "operationName", "extensions"] as const;

/** The request's parameters; throws a BAD_REQUEST GraphQLError (or readJson's 400/415 problem). */
export async function readGraphqlParams(request: Request): Promise<GraphqlRequestParams> {
  return request.method === "POST"
    ? fromBody(await readJson(request))
    : fromQueryString(new URL(request.url).searchParams);
}

/** POST: one JSON object (batches are not supported). */
function fromBody(body: unknown): GraphqlRequestParams {
  if (!isObject(body)) throw badRequest("Send one GraphQL request as a JSON object.");
  const { query, variables, operationName, extensions } = body;
  if (!isAbsentOr(query, isString)) throw badRequest("`query` must be a string.");
  if (!isAbsentOr(variables, isObject)) throw badRequest("`variables` must be a JSON object.");
  if (!isAbsentOr(operationName, isString)) throw badRequest("`operationName` must be a string.");
  if (!isAbsentOr(extensions, isObject)) throw badRequest("`extensions` must be a JSON object.");
  return withQuery({
    query: isString(query) ? query : undefined,
    variables: isObject(variables) ? variables : undefined,
    operationName: isString(operationName) ? operationName : undefined,
    extensions: isObject(extensions) ? extensions : undefined,
  });
}

/** `params`, unless they hold neither a query nor a persisted query's hash. */
function withQuery(params: GraphqlRequestParams): GraphqlRequestParams {
  if (params.query === undefined && params.extensions?.persistedQuery == null) {
    throw badRequest("Must provide query string.");
  }
  return params;
}

/** GET: each parameter at most once; `variables` and `extensions` as JSON objects. */
function fromQueryString(params: URLSearchParams): GraphqlRequestParams {
  for (const name of names) {
    if (params.getAll(name).length > 1) throw badRequest(`Give \`${name}\` at most once.`);
  }
  return withQuery({
    query: params.get("query") ?? undefined,
    variables: jsonObjectParam(params, "variables"),
    operationName: params.get("operationName") ?? undefined,
    extensions: jsonObjectParam(params, "extensions"),
  });
}

function jsonObjectParam(
  params: URLSearchParams,
  name: string,
): Record<string, unknown> | undefined {
  const text = params.get(name);
  if (text === null || text === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(`\`${name}\` must be a JSON object.`);
  }
  if (value === null) return undefined;
  if (!isObject(value)) throw badRequest(`\`${name}\` must be a JSON object.`);
  return value;
}

function badRequest(message: string): GraphQLError {
  return clientError(platformProblems.BAD_REQUEST, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isAbsentOr<T>(value: unknown, is: (value: unknown) => value is T): boolean {
  return value === undefined || value === null || is(value);
}
