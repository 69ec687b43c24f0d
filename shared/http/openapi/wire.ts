/**
 * Building blocks of response schemas: what every worker's answers are made
 * of (times, money, pages), as valibot schemas that describe the wire in the
 * OpenAPI document. Response schemas are documentation and the contract the
 * suite checks every answer against; handlers still build bodies by type.
 *
 * @module
 */
import * as v from "valibot";

/** An RFC 3339 UTC instant, as every answer writes times. */
export const instant = v.pipe(v.string(), v.isoTimestamp());

/** An opaque id. */
export const id = v.string();

/** A named component schema (`#/components/schemas/<ref>`), with an example. */
export function named<S extends v.GenericSchema>(ref: string, schema: S, example?: unknown) {
  return v.pipe(schema, v.metadata({ ref, ...(example === undefined ? {} : { example }) }));
}

/**
 * One page of a list (shared/http/paging.ts): `items`, and `nextCursor`
 * (null on the last page) to pass as `?cursor=` for the next one. The same
 * link is in the answer's `Link: <…>; rel="next"` header.
 */
export function pageOf<S extends v.GenericSchema>(ref: string, item: S) {
  return named(
    ref,
    v.object({
      items: v.array(item),
      nextCursor: v.pipe(
        v.nullable(v.string()),
        v.description("The `cursor` of the next page; null on the last page."),
      ),
    }),
  );
}

/** A list answered whole (no paging): `{ items }`. */
export function listOf<S extends v.GenericSchema>(ref: string, item: S) {
  return named(ref, v.object({ items: v.array(item) }));
}
