/**
 * Pages of every list endpoint: `?limit=` (1–100, default 20) and opaque
 * `?cursor=`s — base64url of a small JSON object naming the last item of a
 * page (keyset pagination). Clients must not build or read them; the encoding
 * only keeps them URL-safe, and each endpoint checks the decoded shape (a
 * cursor that does not fit is a 422 on the `cursor` parameter).
 *
 * Every page that has a next one also says so in `Link: <…>; rel="next"`
 * (RFC 8288), as GitHub does: `withNextLink` wraps each list's answer. The
 * link is a relative reference (the path and query the client sent, with the
 * next cursor): a worker behind the gateway does not know the public origin.
 *
 * @module
 */
import type { Context } from "hono";
import * as v from "valibot";
import { base64url } from "../crypto/random.ts";

/** Items in a page when the client names no `limit`. */
export const defaultPageSize = 20;
/** The most items a page holds. */
export const maxPageSize = 100;

const limitMessage = `must be an integer from 1 to ${maxPageSize}`;

/** The `?limit=` parameter: 1–100, default 20. */
export const limitParam = v.optional(
  v.pipe(
    v.string(limitMessage),
    v.regex(/^[0-9]{1,3}$/, limitMessage),
    v.transform(Number),
    v.minValue(1, limitMessage),
    v.maxValue(maxPageSize, limitMessage),
  ),
  String(defaultPageSize),
);

/** Longer cursors are refused unread (the longest real one is well under this). */
const maxCursorLength = 1024;

/** `value` as an opaque cursor. */
export function encodeCursor(value: CursorFields): string {
  return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

/** The JSON value inside `cursor`, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): unknown {
  if (cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/** One page of a list, as answered: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The fields a list writes into its cursors (a short `k` naming the list, then the position). */
export type CursorFields = Record<string, string | number>;

/**
 * The answer of one page: each item through `body`, and the position after
 * which the next page starts (`next`, none on the last page) through
 * `cursor` into an opaque cursor.
 */
export function pageBody<T, C, B>(
  page: { items: T[]; next: C | undefined },
  body: (item: T) => B,
  cursor: (position: C) => CursorFields,
): Page<B> {
  return {
    items: page.items.map(body),
    nextCursor: page.next === undefined ? null : encodeCursor(cursor(page.next)),
  };
}

/** The `?cursor=` parameter of a list: decoded into `shape`'s output, or 422 on `cursor`. */
export function cursorParam<T>(shape: v.GenericSchema<unknown, T>) {
  return v.optional(v.pipe(
    v.string(),
    v.rawTransform<string, T>(({ dataset, addIssue, NEVER }) => {
      const result = v.safeParse(shape, decodeCursor(dataset.value));
      if (result.success) return result.output;
      addIssue({ message: "is not a cursor of this list; start again without it" });
      return NEVER;
    }),
  ));
}

/** `page`, after setting `Link: <same path and query, next cursor>; rel="next"` when there is one. */
export function withNextLink<T>(c: Context, page: Page<T>): Page<T> {
  if (page.nextCursor !== null) {
    const url = new URL(c.req.url);
    url.searchParams.set("cursor", page.nextCursor);
    c.header("link", `<${url.pathname}${url.search}>; rel="next"`);
  }
  return page;
}
