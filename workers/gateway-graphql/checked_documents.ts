/**
 * The checks of a GraphQL document that depend on its text alone — parse
 * (bounded in tokens), the shape limits, graphql's validation — done once
 * per distinct query and remembered in a bounded LRU keyed by the text.
 *
 * Only documents that pass are kept: a refusal is recomputed (it is rare,
 * and keeping them would let a client fill the cache with junk cheaply —
 * it still can with valid documents, which is what the bounds are for).
 * What depends on the request — the operation, its variables, the cost with
 * those variables — is ./prepare.ts's, per request; the cost of an
 * operation without variables is remembered here too, since no request can
 * change it.
 *
 * @module
 */
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
  type ValidationRule,
} from "graphql";
import type { ProblemKind } from "../../shared/http/problem.ts";
import { Lru, type LruBounds } from "../../shared/cache/lru.ts";
import { graphqlProblems } from "./problems.ts";
import { type QueryLimits, queryShapeRules } from "./query_limits.ts";

/** What does not change between requests. */
export interface DocumentCheckOptions {
  schema: GraphQLSchema;
  limits: Required<QueryLimits>;
  /** graphql's own rules, plus the introspection ban where it applies. */
  validationRules: readonly ValidationRule[];
}

/** A document that passed every static check. */
export interface CheckedDocument {
  document: DocumentNode;
  /** The cost verdict of each variable-free operation, by operationName, once computed. */
  costOf: Map<string | undefined, GraphQLError | null>;
}

/** The checked document, or why it is refused. */
export type DocumentCheck =
  | { ok: true; checked: CheckedDocument }
  | { ok: false; errors: GraphQLError[] };

/** 500 distinct operations or 2 MB of query text, whichever comes first. */
export const defaultDocumentCacheBounds: LruBounds = { maxEntries: 500, maxWeight: 2_000_000 };

/** A checker that checks each distinct query text once, within `bounds`. */
export function documentChecker(
  options: DocumentCheckOptions,
  bounds: LruBounds = defaultDocumentCacheBounds,
): (query: string) => DocumentCheck {
  const cache = new Lru<string, CheckedDocument>(bounds);
  const shapeRules = queryShapeRules(options.limits);
  return (query) => {
    const hit = cache.get(query);
    if (hit) return { ok: true, checked: hit };
    const check = checkDocument(options, shapeRules, query);
    // UTF-16 code units, twice the bytes of ASCII text: the AST is a few times the text.
    if (check.ok) cache.set(query, check.checked, query.length * 2);
    return check;
  };
}

function checkDocument(
  { schema, limits, validationRules }: DocumentCheckOptions,
  shapeRules: readonly ValidationRule[],
  query: string,
): DocumentCheck {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { ok: false, errors: [coded(error, graphqlProblems.GRAPHQL_PARSE_FAILED)] };
  }
  // The shape limits first: graphql's rules can cost more than linear time
  // on exactly the documents these refuse.
  for (const rules of [shapeRules, validationRules]) {
    const errors = validate(schema, document, rules);
    if (errors.length > 0) {
      return {
        ok: false,
        errors: errors.map((e) => coded(e, graphqlProblems.GRAPHQL_VALIDATION_FAILED)),
      };
    }
  }
  return { ok: true, checked: { document, costOf: new Map() } };
}

/** `error` with the code and status of `kind` unless it already has a code of its own. */
export function coded(error: GraphQLError, kind: ProblemKind): GraphQLError {
  if (typeof error.extensions?.code === "string") return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: kind.code, status: kind.status },
  });
}
