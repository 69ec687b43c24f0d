/**
 * GraphQL's own error codes, beside the platform's (`platformProblems`).
 *
 * Every one is a client mistake (4xx): a request the gateway refuses before
 * any resolver runs, or an argument a resolver refuses before calling a worker.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

export const graphqlProblems = defineProblems({
  GRAPHQL_PARSE_FAILED: { status: 400, title: "GraphQL syntax error" },
  GRAPHQL_VALIDATION_FAILED: { status: 400, title: "GraphQL validation failed" },
  GRAPHQL_UNKNOWN_OPERATION: { status: 400, title: "GraphQL operation unknown" },
  GRAPHQL_VARIABLES_INVALID: { status: 400, title: "GraphQL variables invalid" },
  QUERY_TOO_DEEP: { status: 400, title: "Query too deep" },
  QUERY_TOO_COSTLY: { status: 400, title: "Query too costly" },
  QUERY_TOO_MANY_ALIASES: { status: 400, title: "Query has too many aliases" },
  QUERY_TOO_MANY_ROOT_FIELDS: { status: 400, title: "Query has too many root fields" },
  ID_INVALID: { status: 400, title: "Identifier invalid" },
  PERSISTED_QUERY_NOT_FOUND: { status: 404, title: "Persisted query not found" },
  PERSISTED_QUERY_HASH_MISMATCH: { status: 400, title: "Persisted query hash mismatch" },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 400, title: "Persisted query not supported" },
});
