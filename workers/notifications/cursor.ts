/**
 * Opaque inbox cursors: base64url of a small JSON object naming the last
 * notification of a page (keyset pagination on `(created_at, id)`, newest
 * first). Clients must not build or read them; one that does not decode to
 * the expected shape is a 422 on the `cursor` parameter.
 *
 * @module
 */
import {
  decodeCursor as decodeJson,
  encodeCursor as encodeJson,
} from "../../shared/http/paging.ts";

/** Where a page of the inbox ends: the last (created_at to the microsecond, id). */
export interface InboxCursor {
  /** `created_at` as Postgres renders it (`…T…:…:….123456Z`): a Date would drop microseconds. */
  at: string;
  id: string;
}

const cursorTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const cursorId = /^[A-Za-z0-9_-]{1,100}$/;

/** `cursor` as an opaque string. */
export function encodeCursor(cursor: InboxCursor): string {
  return encodeJson({ k: "nt", t: cursor.at, i: cursor.id });
}

/** The position inside `text`, or undefined when it is not a cursor of the inbox. */
export function decodeCursor(text: string): InboxCursor | undefined {
  const value = decodeJson(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { k, t, i, ...rest } = value as Record<string, unknown>;
  if (k !== "nt" || Object.keys(rest).length > 0) return undefined;
  if (typeof t !== "string" || !cursorTime.test(t) || Number.isNaN(Date.parse(t))) {
    return undefined;
  }
  if (typeof i !== "string" || !cursorId.test(i)) return undefined;
  return { at: t, id: i };
}
