/**
 * Everything a GraphQL request must pass before a resolver runs, cheapest
 * first: parse (bounded in tokens), shape limits, graphql's validation, the
 * operation to run, its variables, then its cost with those variables.
 *
 * Each refusal is a client mistake with its own code — never an execution
 * that fails for want of an operation or a variable.
 *
 * @module
 */
import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  parse,
  validate,
  type ValidationRule,
} from "graphql";
import { platformProblems, type ProblemKind } from "../../shared/http/problem.ts";
import { clientError } from "./errors.ts";
import { graphqlProblems } from "./problems.ts";
import { checkQueryCost } from "./query_cost.ts";
import { type QueryLimits, queryShapeRules } from "./query_limits.ts";
import type { GraphqlParams } from "./request_params.ts";

/** What does not change between requests. */
export interface PrepareOptions {
  schema: GraphQLSchema;
  limits: Required<QueryLimits>;
  /** graphql's own rules, plus the introspection ban where it applies. */
  validationRules: readonly ValidationRule[];
}

/** An operation ready to execute, or why it is refused. */
export type Prepared =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode }
  | { ok: false; errors: readonly GraphQLError[]; headers?: Record<string, string> };

/** Checks `params` for a `method` request (GET may only query). */
export function prepare(options: PrepareOptions, params: GraphqlParams, method: string): Prepared {
  const { schema, limits } = options;
  let document: DocumentNode;
  try {
    document = parse(params.query, { maxTokens: limits.maxTokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return refused(coded(error, graphqlProblems.GRAPHQL_PARSE_FAILED));
  }

  // The shape limits first: graphql's rules can cost more than linear time
  // on exactly the documents these refuse.
  const tooBig = validate(schema, document, queryShapeRules(limits));
  if (tooBig.length > 0) {
    return refused(...tooBig.map((e) => coded(e, graphqlProblems.GRAPHQL_VALIDATION_FAILED)));
  }
  const invalid = validate(schema, document, options.validationRules);
  if (invalid.length > 0) {
    return refused(...invalid.map((e) => coded(e, graphqlProblems.GRAPHQL_VALIDATION_FAILED)));
  }

  const operation = getOperationAST(document, params.operationName);
  if (!operation) return refused(unknownOperation(document, params.operationName));
  if (method === "GET" && operation.operation !== "query") {
    return {
      ok: false,
      errors: [clientError(
        platformProblems.METHOD_NOT_ALLOWED,
        `Can only perform a ${operation.operation} operation from a POST request.`,
      )],
      headers: { allow: "POST" },
    };
  }

  const variables = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    params.variables ?? {},
    { maxErrors: 10 },
  );
  if (variables.errors) {
    return refused(
      ...variables.errors.map((e) => coded(e, graphqlProblems.GRAPHQL_VARIABLES_INVALID)),
    );
  }

  const tooCostly = checkQueryCost({
    schema,
    document,
    variables: params.variables,
    operationName: operation.name?.value,
  }, limits.maxCost);
  if (tooCostly) return refused(tooCostly);
  return { ok: true, document, operation };
}

function refused(...errors: GraphQLError[]): Prepared {
  return { ok: false, errors };
}

/** `error` with the code and status of `kind` unless it already has a code of its own. */
function coded(error: GraphQLError, kind: ProblemKind): GraphQLError {
  if (typeof error.extensions?.code === "string") return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: kind.code, status: kind.status },
  });
}

function unknownOperation(document: DocumentNode, operationName?: string): GraphQLError {
  const operations = document.definitions.filter((d) => d.kind === "OperationDefinition").length;
  // The name is not echoed: it is the client's text, of any length.
  const message = operationName !== undefined
    ? "The document holds no operation of the given operationName."
    : operations > 1
    ? "Give an operationName: the document holds more than one operation."
    : "The document holds no operation to run.";
  return clientError(graphqlProblems.GRAPHQL_UNKNOWN_OPERATION, message);
}
