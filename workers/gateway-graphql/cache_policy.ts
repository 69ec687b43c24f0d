/**
 * Which answers a shared cache (a CDN, the edge) may keep: a GET query
 * whose every root field reads public data — the same answer for anyone,
 * signed in or not — is `public, max-age=60`; anything else is
 * `private, no-store`, so one member's data is never kept for another.
 *
 * @module
 */
import {
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** Root fields answered alike for every caller (the exercise catalog). */
const publicRootFields: ReadonlySet<string> = new Set(["exercises", "exercise", "__typename"]);

export const publicCacheControl = "public, max-age=60";
export const privateCacheControl = "private, no-store";

/** The verdict of each operation seen, kept while its (cached) document is. */
const verdicts = new WeakMap<OperationDefinitionNode, boolean>();

/** Whether `operation` reads public data only (fragments followed); worked out once per operation. */
export function readsPublicDataOnly(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): boolean {
  let verdict = verdicts.get(operation);
  if (verdict === undefined) {
    verdict = operation.operation === "query" && selectsPublicFieldsOnly(document, operation);
    verdicts.set(operation, verdict);
  }
  return verdict;
}

function selectsPublicFieldsOnly(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): boolean {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : []
    ),
  );
  const visit = (set: SelectionSetNode, seen: Set<string>): boolean =>
    set.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return publicRootFields.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet, seen);
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (seen.has(name) || !fragment) return true;
      return visit(fragment.selectionSet, new Set([...seen, name]));
    });
  return visit(operation.selectionSet, new Set());
}
