/**
 * Entity tags of profiles (RFC 9110 §8.8.3): a strong tag per version, and
 * the conditional request headers that compare against it.
 *
 * @module
 */
import type { ExpectedVersion } from "./service.ts";

/** The strong ETag of a profile version: `"7"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** The tags of an `If-Match`/`If-None-Match` value, or `"*"`; malformed members are skipped. */
function parseTags(header: string): EntityTag[] | "*" {
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
 * What `If-Match` requires, for the service: `undefined` without the header,
 * `"any"` for `*`, else the versions its strong tags name (weak tags never
 * match under the strong comparison If-Match uses, so they name none).
 */
export function expectedVersion(ifMatch: string | undefined): ExpectedVersion {
  if (ifMatch === undefined) return undefined;
  const tags = parseTags(ifMatch);
  if (tags === "*") return "any";
  return tags.filter((tag) => !tag.weak && /^(?:0|[1-9]\d{0,8})$/.test(tag.opaque)).map((tag) =>
    Number(tag.opaque)
  );
}

/** True when `If-None-Match` matches `version` (weak comparison): answer 304. */
export function noneMatchHits(ifNoneMatch: string | undefined, version: number): boolean {
  if (ifNoneMatch === undefined) return false;
  const tags = parseTags(ifNoneMatch);
  return tags === "*" || tags.some((tag) => tag.opaque === String(version));
}
