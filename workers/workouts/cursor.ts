/**
 * Opaque page cursors: base64url of a small JSON object naming the last item
 * of a page (keyset pagination). Clients must not build or read them; the
 * encoding only keeps them URL-safe, and a cursor that does not decode to the
 * expected shape is a 422 on the `cursor` parameter.
 *
 * @module
 */
import { base64url } from "../../shared/crypto/random.ts";

/** Longer cursors are refused unread (the longest real one is well under this). */
const maxCursorLength = 1024;

/** `value` as an opaque cursor. */
export function encodeCursor(value: Record<string, string | number>): string {
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
