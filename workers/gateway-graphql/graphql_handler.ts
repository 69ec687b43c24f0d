/**
 * The `/graphql` handler (GET and POST, GraphQL over HTTP): reads the
 * request strictly, prepares the operation (./prepare.ts), executes it with
 * this request's resolvers and answers with every error coded.
 *
 * Status: a refused request has its errors' status (400, 405); an executed
 * one is 200 — a resolver's client error is part of the result — unless the
 * whole result is lost (`data: null`) to a fault of ours or of a worker,
 * which keeps that 5xx.
 *
 * @module
 */
import { execute, GraphQLError, type GraphQLSchema, type ValidationRule } from "graphql";
import type { Context, Handler } from "hono";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { graphqlResponse, refusalResponse, statusOf, toWireError } from "./errors.ts";
import { prepare } from "./prepare.ts";
import type { QueryLimits } from "./query_limits.ts";
import { readGraphqlParams } from "./request_params.ts";

/** What the handler serves. */
export interface GraphqlHandlerOptions {
  schema: GraphQLSchema;
  limits: Required<QueryLimits>;
  validationRules: readonly ValidationRule[];
  /** The resolvers of one request. */
  rootValue: (c: Context<WorkerEnv>) => unknown;
}

/** The Hono handler of `/graphql`. */
export function graphqlHandler(options: GraphqlHandlerOptions): Handler<WorkerEnv> {
  return async (c) => {
    const requestId = c.get("requestId");
    const log = c.get("log");
    let params;
    try {
      params = await readGraphqlParams(c.req.raw);
    } catch (error) {
      if (error instanceof GraphQLError) return refusalResponse([error], requestId, log);
      throw error;
    }
    const prepared = prepare(options, params, c.req.method);
    if (!prepared.ok) return refusalResponse(prepared.errors, requestId, log, prepared.headers);

    const result = await execute({
      schema: options.schema,
      document: prepared.document,
      operationName: params.operationName,
      variableValues: params.variables,
      rootValue: options.rootValue(c),
      contextValue: c,
    });
    const data = result.data ?? null;
    if (!result.errors?.length) return graphqlResponse({ data }, 200);
    const errors = result.errors.map((error) => toWireError(error, requestId, log));
    const worst = Math.max(...result.errors.map(statusOf));
    return graphqlResponse({ errors, data }, data === null && worst >= 500 ? worst : 200);
  };
}
