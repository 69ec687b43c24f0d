/**
 * Entity tags and the conditional request headers that compare against them
 * (RFC 9110 §8.8.3, §13.1).
 *
 * @module
 */
import { sha256 } from "../crypto/random.ts";

/** One member of an `If-Match` / `If-None-Match` list. */
export interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** The tags of an `If-Match`/`If-None-Match` value, or `"*"`; malformed members are skipped. */
export function parseEntityTags(header: string): EntityTag[] | "*" {
  const tags: EntityTag[] = [];
  for (const member of header.split(",")) {
    const text = member.trim();
    if (text === "*") return "*";
    const match = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/.exec(text);
    if (match) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  return tags;
}

/**
 * True when `If-None-Match` matches the strong tag `etag` (weak comparison,
 * `*` matches any current representation): the answer is 304.
 */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const tags = parseEntityTags(ifNoneMatch);
  return tags === "*" || tags.some((tag) => `"${tag.opaque}"` === etag);
}

/** A strong ETag of a body: a hash of the exact text, the same whichever isolate served it. */
export async function etagOfBody(body: string): Promise<string> {
  return `"${(await sha256(body)).slice(0, 32)}"`;
}
