/**
 * GraphQL's own error codes, beside the platform's shared list.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

export const graphqlProblems = defineProblems({
  GRAPHQL_PARSE_FAILED: { status: 400, title: "GraphQL syntax error" },
  GRAPHQL_VALIDATION_FAILED: { status: 400, title: "GraphQL validation failed" },
  QUERY_TOO_DEEP: { status: 400, title: "Query too deep" },
  QUERY_TOO_COSTLY: { status: 400, title: "Query too costly" },
});
