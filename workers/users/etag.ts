/**
 * Entity tags of profiles (RFC 9110 §8.8.3): a strong tag per version, and
 * the conditional request headers that compare against it.
 *
 * @module
 */
import { ifNoneMatchHits, parseEntityTags } from "../../shared/http/etag.ts";
import type { ExpectedVersion } from "./service.ts";

/** The strong ETag of a profile version: `"7"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * What `If-Match` requires, for the service: `undefined` without the header,
 * `"any"` for `*`, else the versions its strong tags name (weak tags never
 * match under the strong comparison If-Match uses, so they name none).
 */
export function expectedVersion(ifMatch: string | undefined): ExpectedVersion {
  if (ifMatch === undefined) return undefined;
  const tags = parseEntityTags(ifMatch);
  if (tags === "*") return "any";
  return tags.filter((tag) => !tag.weak && /^(?:0|[1-9]\d{0,8})$/.test(tag.opaque)).map((tag) =>
    Number(tag.opaque)
  );
}

/** True when `If-None-Match` matches `version` (weak comparison): answer 304. */
export function noneMatchHits(ifNoneMatch: string | undefined, version: number): boolean {
  return ifNoneMatchHits(ifNoneMatch, etagOf(version));
}
