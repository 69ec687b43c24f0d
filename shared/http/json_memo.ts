/**
 * JSON answers of rows that an in-process cache keeps and answers many times
 * (shared/cache/near_cache.ts, workers/inventory/item_cache.ts): such a row is
 * frozen, so its JSON text can be made once and reused by every request that
 * answers it, instead of building and serialising the body each time. A row
 * that is not frozen could change under its memo: it is rendered every time.
 *
 * @module
 */
import type { Context, TypedResponse } from "hono";

/** What `c.json(body, 200)` returns, as typed clients (`hc`) see it. */
export type JsonAnswer<B> = Response & TypedResponse<B, 200, "json">;

/** `render(row, variant)` as JSON text, made once per frozen row and variant. */
export function memoizedJson<R extends object, B, V = undefined>(
  render: (row: R, variant: V) => B,
): (row: R, variant: V) => string {
  const made = new WeakMap<R, Map<V, string>>();
  return (row, variant) => {
    const known = made.get(row)?.get(variant);
    if (known !== undefined) return known;
    const text = JSON.stringify(render(row, variant));
    if (Object.isFrozen(row)) {
      const variants = made.get(row) ?? new Map<V, string>();
      made.set(row, variants.set(variant, text));
    }
    return text;
  };
}

/** The 200 of `text` (the JSON of a `B`) with `headers`: what `c.json(body, 200, headers)` answers. */
export function jsonText<B>(c: Context, text: string, headers: Record<string, string>) {
  return c.body(text, 200, {
    "content-type": "application/json",
    ...headers,
  }) as Response as JsonAnswer<B>;
}
