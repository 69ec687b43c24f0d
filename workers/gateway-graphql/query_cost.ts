/**
 * The cost of an operation, computed by graphql-query-complexity with the
 * request's variables, so `exercises(limit: $n)` costs what `$n` asks for.
 *
 * Every field costs 1 plus what it selects; a page (a field with a `limit`
 * argument whose type has `items`) costs 1 plus its selection times the rows
 * it will serve: the limit clamped to 1–100 (20 when absent). A negative or
 * huge limit can therefore neither lower the total nor dodge it.
 *
 * @module
 */
import {
  type DocumentNode,
  getNamedType,
  type GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  isObjectType,
} from "graphql";
import { type ComplexityEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import { clientError } from "./errors.ts";
import { graphqlProblems } from "./problems.ts";
import { pageSizeOf } from "./page_args.ts";

/** What the cost is computed over. */
export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
}

const pageEstimator: ComplexityEstimator = ({ field, args, childComplexity }) =>
  isPage(field) ? 1 + childComplexity * pageSizeOf(args.limit) : undefined;

const estimators = [pageEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** The operation's cost (see the module comment). */
export function queryCost(input: CostInput): number {
  return getComplexity({
    schema: input.schema,
    query: input.document,
    variables: input.variables,
    operationName: input.operationName,
    estimators,
  });
}

/** A QUERY_TOO_COSTLY error when the operation costs more than `maxCost`. */
export function checkQueryCost(input: CostInput, maxCost: number): GraphQLError | undefined {
  let cost: number;
  try {
    cost = queryCost(input);
  } catch (error) {
    // The library gives up on documents whose fragments expand past its node
    // limit: such a query is too costly by any measure.
    const detail = error instanceof Error ? error.message : String(error);
    return clientError(
      graphqlProblems.QUERY_TOO_COSTLY,
      `The query's cost cannot be bounded: ${detail}`,
    );
  }
  if (cost <= maxCost) return undefined;
  return clientError(
    graphqlProblems.QUERY_TOO_COSTLY,
    `Query cost ${cost} exceeds the limit of ${maxCost}.`,
  );
}

function isPage(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  return field.args.some((arg) => arg.name === "limit") && isObjectType(type) &&
    "items" in type.getFields();
}
