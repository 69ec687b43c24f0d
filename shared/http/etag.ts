/**
 * Entity tags and the conditional request headers that compare against them
 * (RFC 9110 §8.8.3, §13.1).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { sha256 } from "../crypto/random.ts";
import { Lru } from "../cache/lru.ts";
import { type JsonAnswer, jsonText, memoizedJson } from "./json_memo.ts";

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

/**
 * Tags of bodies answered lately, by their exact text: a hot read (a plan, an
 * item's availability) answers the same body many times, and a map lookup
 * costs microseconds where a SHA-256 through WebCrypto cost a fifth of a
 * millisecond here. Bounded by entries and by the characters kept (4 MiB).
 */
const tagsOfBodies = new Lru<string, string>({ maxEntries: 1_000, maxWeight: 4 * 1024 * 1024 });

/** A strong ETag of a body: a hash of the exact text, the same whichever isolate served it. */
export async function etagOfBody(body: string): Promise<string> {
  const known = tagsOfBodies.get(body);
  if (known) return known;
  const etag = `"${(await sha256(body)).slice(0, 32)}"`;
  tagsOfBodies.set(body, etag, body.length);
  return etag;
}

/**
 * Conditional GET for a read whose route computes no tag of its own: a 200
 * leaves with the strong ETag of its exact body, and a request whose
 * `If-None-Match` names it gets a 304 with no body. The route's work is done
 * either way (the tag is of the answer); what it saves is the transfer. A
 * route with a cheaper tag (a version, as `/v1/me`) sets its own and is left alone.
 */
export const etagged: MiddlewareHandler = async (c, next) => {
  await next();
  const response = c.res;
  if (c.req.method !== "GET" || response.status !== 200 || response.headers.has("etag")) return;
  const body = await response.text();
  const headers = new Headers(response.headers);
  const etag = await etagOfBody(body);
  headers.set("etag", etag);
  if (ifNoneMatchHits(c.req.header("if-none-match"), etag)) {
    notModified(c, headers);
    return;
  }
  c.res = new Response(body, { status: 200, headers });
};

/** Answers `c` with the 304 that stands for a 200 with `headers`. */
function notModified(c: Context, headers: HeadersInit): Response {
  // A 304 carries the validators and caching headers of the 200 it stands for, nothing else.
  c.res = new Response(null, { status: 304, headers });
  // (Hono copies the previous answer's headers into the new one: take them out again.)
  for (const name of [...c.res.headers.keys()]) {
    if (!validatorHeaders.has(name)) c.res.headers.delete(name);
  }
  return c.res;
}

const validatorHeaders = new Set(["etag", "cache-control", "vary", "x-request-id"]);

/**
 * What `etagged` answers for the JSON of a row, made once per frozen row
 * (./json_memo.ts): an item's availability or a plan that an in-process cache
 * answers many times is not serialised or hashed again. The same 200 (and
 * 304) as `etagged` gives.
 */
export function etaggedJsonOf<R extends object, B>(render: (row: R) => B) {
  const textOf = memoizedJson(render);
  return async (c: Context, row: R, headers: Record<string, string> = {}) => {
    const text = textOf(row, undefined);
    // The tag of a text answered lately is remembered (etagOfBody): no hash here either.
    const all = { ...headers, etag: await etagOfBody(text) };
    if (c.req.method === "GET" && ifNoneMatchHits(c.req.header("if-none-match"), all.etag)) {
      return notModified(c, { "content-type": "application/json", ...all }) as JsonAnswer<B>;
    }
    return jsonText<B>(c, text, all);
  };
}
