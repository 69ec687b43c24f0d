/**
 * The `/graphql` handler (GET and POST, GraphQL over HTTP): reads the
 * request strictly, resolves a persisted query (./persisted_queries.ts),
 * prepares the operation (./prepare.ts), executes it with this request's
 * resolvers and answers with every error coded.
 *
 * Status: a refused request has its errors' status (400, 404, 405); an
 * executed one is 200 — a resolver's client error is part of the result —
 * unless the whole result is lost (`data: null`) to a fault of ours or of a
 * worker, which keeps that 5xx. A GET answer says whether shared caches may
 * keep it (./cache_policy.ts).
 *
 * @module
 */
import { execute, type ExecutionResult, GraphQLError, type GraphQLSchema } from "graphql";
import type { Handler } from "hono";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { privateCacheControl, publicCacheControl, readsPublicDataOnly } from "./cache_policy.ts";
import type { DocumentCheckOptions } from "./checked_documents.ts";
import { graphqlResponse, refusalResponse, statusOf, toWireError } from "./errors.ts";
import { persistedQueries, persistedQueryRef } from "./persisted_queries.ts";
import { createPreparer } from "./prepare.ts";
import { type PublicAnswers } from "./public_answers.ts";
import { readGraphqlParams } from "./request_params.ts";

/** What the handler serves. */
export interface GraphqlHandlerOptions extends DocumentCheckOptions {
  schema: GraphQLSchema;
  /** Where persisted queries are kept. */
  persisted: ReturnType<typeof persistedQueries>;
  /** The resolvers (of every request: each finds its request's state through the context). */
  rootValue: unknown;
  /** Where answers of public queries are kept for a few seconds. */
  publicAnswers: PublicAnswers;
}

/** The Hono handler of `/graphql`. */
export function graphqlHandler(options: GraphqlHandlerOptions): Handler<WorkerEnv> {
  const prepare = createPreparer(options);
  return async (c) => {
    const requestId = c.get("requestId");
    const log = c.get("log");
    const method = c.req.method;
    // Only a GET can be kept by a shared cache; refusals never are.
    const noStore = method === "GET" ? { "cache-control": privateCacheControl } : undefined;
    const refuse = (errors: readonly GraphQLError[], headers?: Record<string, string>) =>
      refusalResponse(errors, requestId, log, { ...noStore, ...headers });

    let params;
    try {
      params = await readGraphqlParams(c.req.raw);
    } catch (error) {
      if (error instanceof GraphQLError) return refuse([error]);
      throw error;
    }
    const ref = persistedQueryRef(params.extensions);
    if (ref instanceof GraphQLError) return refuse([ref]);
    let query = params.query;
    if (ref) {
      const found = await options.persisted.lookup(ref, query);
      if (!found.ok) return refuse([found.error]);
      query = found.query;
    }
    const request = { ...params, query: query! };
    const prepared = prepare(request, method);
    if (!prepared.ok) return refuse(prepared.errors, prepared.headers);
    if (ref && params.query !== undefined) await options.persisted.register(ref, request.query);

    const run = async () =>
      await execute({
        schema: options.schema,
        document: prepared.document,
        operationName: params.operationName,
        variableValues: params.variables,
        rootValue: options.rootValue,
        contextValue: c,
      });
    const isPublic = readsPublicDataOnly(prepared.document, prepared.operation);
    // Only a GET answer of public data may be kept by a shared cache.
    const success = isPublic && noStore ? { "cache-control": publicCacheControl } : noStore;
    let result: ExecutionResult;
    if (isPublic) {
      // Anyone's answer is this one's: kept for a few seconds (./public_answers.ts).
      let own: Promise<ExecutionResult> | undefined;
      const kept = await options.publicAnswers.answer(request, async () => {
        const executed = await (own = run());
        return executed.errors?.length
          ? undefined
          : JSON.stringify({ data: executed.data ?? null });
      });
      if (kept !== undefined) return graphqlResponse(kept, 200, success);
      // Its own errors, or the run it waited for failed: then it runs here.
      result = await (own ?? run());
    } else {
      result = await run();
    }
    const data = result.data ?? null;
    if (!result.errors?.length) return graphqlResponse({ data }, 200, success);
    const errors = result.errors.map((error) => toWireError(error, requestId, log));
    const worst = Math.max(...result.errors.map(statusOf));
    return graphqlResponse(
      { errors, data },
      data === null && worst >= 500 ? worst : 200,
      noStore,
    );
  };
}
