/**
 * Everything a GraphQL request must pass before a resolver runs, cheapest
 * first: the document's static checks (parse bounded in tokens, shape
 * limits, graphql's validation — once per distinct query, see
 * ./checked_documents.ts), then per request the operation to run, its
 * variables, and its cost with those variables.
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
  type GraphQLError,
  type OperationDefinitionNode,
} from "graphql";
import { platformProblems } from "../../shared/http/problem.ts";
import {
  coded,
  type DocumentCheck,
  documentChecker,
  type DocumentCheckOptions,
} from "./checked_documents.ts";
import { clientError } from "./errors.ts";
import { graphqlProblems } from "./problems.ts";
import { checkQueryCost } from "./query_cost.ts";
import type { GraphqlParams } from "./request_params.ts";

/** An operation ready to execute, or why it is refused. */
export type Prepared =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode }
  | { ok: false; errors: readonly GraphQLError[]; headers?: Record<string, string> };

/** Prepares the requests of one gateway (one schema, one set of limits and rules). */
export function createPreparer(
  options: DocumentCheckOptions,
  check: (query: string) => DocumentCheck = documentChecker(options),
) {
  const { schema, limits } = options;
  /** Checks `params` for a `method` request (GET may only query). */
  return (params: GraphqlParams, method: string): Prepared => {
    const checked = check(params.query);
    if (!checked.ok) return { ok: false, errors: checked.errors };
    const { document, costOf } = checked.checked;

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

    const definitions = operation.variableDefinitions ?? [];
    const variables = getVariableValues(schema, definitions, params.variables ?? {}, {
      maxErrors: 10,
    });
    if (variables.errors) {
      return refused(
        ...variables.errors.map((e) => coded(e, graphqlProblems.GRAPHQL_VARIABLES_INVALID)),
      );
    }

    // Without variables no request can change the cost: computed once per operation.
    const name = operation.name?.value;
    let tooCostly = definitions.length === 0 ? costOf.get(name) : undefined;
    if (tooCostly === undefined) {
      tooCostly = checkQueryCost(
        { schema, document, variables: params.variables, operationName: name },
        limits.maxCost,
      ) ?? null;
      if (definitions.length === 0) costOf.set(name, tooCostly);
    }
    if (tooCostly) return refused(tooCostly);
    return { ok: true, document, operation };
  };
}

function refused(...errors: GraphQLError[]): Prepared {
  return { ok: false, errors };
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
