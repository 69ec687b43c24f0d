/**
 * Depth and cost limits, checked while the query is validated — before any
 * resolver runs — so one request cannot make the gateway fan out without end.
 *
 * Cost: every field costs 1, and a field that returns a page costs its
 * `limit` argument (default 20) times the cost of what it selects.
 *
 * @module
 */
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

/** The limits a query must stay within. */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

export const defaultQueryLimits: QueryLimits = { maxDepth: 10, maxCost: 5_000 };

const defaultPageSize = 20;

/** A validation rule rejecting operations deeper or costlier than `limits`. */
export function queryLimitsRule(limits: QueryLimits = defaultQueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }

    function measure(
      selectionSet: SelectionSetNode | undefined,
      depth: number,
      seen: Set<string>,
    ): { depth: number; cost: number } {
      if (!selectionSet) return { depth, cost: 0 };
      let deepest = depth;
      let cost = 0;
      for (const selection of selectionSet.selections) {
        let inner: { depth: number; cost: number };
        if (selection.kind === Kind.FIELD) {
          inner = measure(selection.selectionSet, depth + 1, seen);
          const limit = selection.arguments?.find((arg) => arg.name.value === "limit");
          const pageSize = limit?.value.kind === Kind.INT ? Number(limit.value.value) : null;
          const isPage = selection.selectionSet?.selections.some((s) =>
            s.kind === Kind.FIELD && s.name.value === "items"
          );
          const multiplier = isPage ? (pageSize ?? defaultPageSize) : 1;
          inner = { depth: inner.depth, cost: 1 + inner.cost * multiplier };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = measure(selection.selectionSet, depth, seen);
        } else {
          const name = selection.name.value;
          // A fragment spread cycle is reported by graphql's own rules.
          if (seen.has(name)) continue;
          inner = measure(fragments.get(name)?.selectionSet, depth, new Set([...seen, name]));
        }
        deepest = Math.max(deepest, inner.depth);
        cost += inner.cost;
      }
      return { depth: deepest, cost };
    }

    return {
      OperationDefinition(operation) {
        const { depth, cost } = measure(operation.selectionSet, 0, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}.`, {
              nodes: [operation],
              extensions: { code: "QUERY_TOO_DEEP" },
            }),
          );
        }
        if (cost > limits.maxCost) {
          context.reportError(
            new GraphQLError(`Query cost ${cost} exceeds the limit of ${limits.maxCost}.`, {
              nodes: [operation],
              extensions: { code: "QUERY_TOO_COSTLY" },
            }),
          );
        }
      },
    };
  };
}
