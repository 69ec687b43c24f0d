/**
 * Strong entity tags of public catalog responses: a hash of the exact body,
 * so any change to an answer changes its tag, whichever isolate served it.
 *
 * @module
 */
import { sha256 } from "../../shared/crypto/random.ts";

/** The strong ETag of `body` (the JSON text as sent). */
export async function etagOfBody(body: string): Promise<string> {
  return `"${(await sha256(body)).slice(0, 32)}"`;
}

/**
 * True when `If-None-Match` matches `etag` (RFC 9110 §13.1.2: weak
 * comparison, `*` matches any current representation): answer 304.
 */
export function noneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(",").some((member) => {
    const tag = member.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}
