/**
 * The shape limits of a query — depth, aliases, root fields, tokens —
 * checked before graphql's own validation, so an oversized document is
 * refused before any costlier rule (or any resolver) looks at it.
 *
 * Depth and aliases are graphql-armor's rules; they are told to report
 * their error instead of throwing it, so a refusal is a 400 with our code.
 * The cost, which needs the variables, is ./query_cost.ts.
 *
 * @module
 */
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  type ASTVisitor,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import type { ProblemKind } from "../../shared/http/problem.ts";
import { clientError } from "./errors.ts";
import { graphqlProblems } from "./problems.ts";

/** The limits a query must stay within. */
export interface QueryLimits {
  /** Nesting of fields (fragments do not count as a level). */
  maxDepth: number;
  /** See ./query_cost.ts. */
  maxCost: number;
  /** Aliases anywhere in the operation: each alias can repeat a worker call. */
  maxAliases?: number;
  /** Fields at the root: each one is (at least) one call to a worker. */
  maxRootFields?: number;
  /** Tokens of the whole document: bounds the parser's and the validator's work. */
  maxTokens?: number;
}

export const defaultQueryLimits: Required<QueryLimits> = {
  maxDepth: 10,
  maxCost: 5_000,
  maxAliases: 15,
  maxRootFields: 20,
  maxTokens: 5_000,
};

/** `limits` with every unset limit at its default. */
export function withDefaults(limits: QueryLimits = defaultQueryLimits): Required<QueryLimits> {
  return { ...defaultQueryLimits, ...withoutUndefined(limits) };
}

/** The rules refusing operations deeper, more aliased or wider than `limits`. */
export function queryShapeRules(limits: Required<QueryLimits>): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      // As before: a fragment is a way of writing fields, not a level of nesting.
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [report(graphqlProblems.QUERY_TOO_DEEP)],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [report(graphqlProblems.QUERY_TOO_MANY_ALIASES)],
    }),
    maxRootFieldsRule(limits.maxRootFields),
  ];
}

/** Reports armor's error under our code, without its misleading "Syntax Error: " prefix. */
function report(kind: ProblemKind) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(/^Syntax Error: /, "");
    context?.reportError(clientError(kind, message));
  };
}

/**
 * Refuses an operation selecting more than `max` fields at its root,
 * counting repeats and fields reached through fragments.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  const tooManyRootFields = graphqlProblems.QUERY_TOO_MANY_ROOT_FIELDS;
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const count = countFields(context, operation.selectionSet, new Set());
      if (count > max) {
        context.reportError(
          new GraphQLError(`Root field limit of ${max} exceeded, found ${count}.`, {
            nodes: [operation],
            extensions: { code: tooManyRootFields.code, status: tooManyRootFields.status },
          }),
        );
      }
    },
  });
}

function countFields(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  spread: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      count++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(context, selection.selectionSet, spread);
    } else {
      const name = selection.name.value;
      // Each fragment counts once per operation, which also ends spread cycles
      // (those are graphql's own NoFragmentCycles error).
      const fragment = spread.has(name) ? undefined : context.getFragment(name);
      spread.add(name);
      if (fragment) count += countFields(context, fragment.selectionSet, spread);
    }
  }
  return count;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
