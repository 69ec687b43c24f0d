/**
 * Answers to public queries kept for a few seconds: a query that reads only
 * public data (./cache_policy.ts — the exercise catalog, the same answer for
 * anyone, signed in or not) is executed at most once per window for each
 * query text, operation and variables, and requests that arrive meanwhile
 * get the same JSON text — no resolver, no worker call, no serialization.
 *
 * Staleness: an answer is served at most `ttlMs` (5 s) after it was read.
 * The catalog changes only by migration, the workouts worker already trusts
 * the catalog version it read for a minute (workers/workouts/cache.ts), and
 * these answers go out as `public, max-age=60` over GET: a CDN may keep
 * them twelve times longer than this cache does.
 *
 * Only answers without errors are kept, so an error is never repeated to
 * anyone but the request that met it (with its own request id). Concurrent
 * misses of one key share one execution; when it fails, each waiter runs
 * its own. Every request still passes the rate limit and every check
 * (./prepare.ts) before it gets here. Bounded like the document cache: a
 * client sending many distinct variables evicts, it cannot grow the process.
 *
 * @module
 */
import { Lru, type LruBounds } from "../../shared/cache/lru.ts";
import type { GraphqlParams } from "./request_params.ts";

/** How long an answer is served after it was read. */
export const publicAnswerTtlMs = 5_000;

/** 500 answers or 4 MB of keys and answers, whichever comes first. */
export const defaultPublicAnswerBounds: LruBounds = { maxEntries: 500, maxWeight: 4_000_000 };

/** Options of {@linkcode publicAnswers}; `now` is injectable for tests. */
export interface PublicAnswerOptions {
  ttlMs?: number;
  bounds?: LruBounds;
  now?: () => number;
}

/** The answers of one gateway. */
export type PublicAnswers = ReturnType<typeof publicAnswers>;

interface Entry {
  /** The answer's JSON text, or undefined once its execution had errors. */
  body: Promise<string | undefined>;
  expiresAt: number;
}

/** A cache of public answers, by query, operation and variables. */
export function publicAnswers(
  { ttlMs = publicAnswerTtlMs, bounds = defaultPublicAnswerBounds, now = () => performance.now() }:
    PublicAnswerOptions = {},
) {
  const entries = new Lru<string, Entry>(bounds);
  return {
    /**
     * The answer kept for `params`, else `execute`'s: its JSON text, kept
     * when it is one (undefined: it had errors, or the shared execution
     * this request waited for did — then the caller executes on its own).
     */
    answer(
      params: GraphqlParams,
      execute: () => Promise<string | undefined>,
    ): Promise<string | undefined> {
      const key = keyOf(params);
      const kept = entries.get(key);
      if (kept && kept.expiresAt > now()) return kept.body;
      const body = execute().catch(() => undefined);
      // UTF-16 code units: the key, and room for the answer until it is known.
      entries.set(key, { body, expiresAt: now() + ttlMs }, key.length * 2);
      body.then((text) => {
        if (entries.get(key)?.body !== body) return;
        if (text === undefined) entries.delete(key);
        else entries.set(key, { body, expiresAt: now() + ttlMs }, (key.length + text.length) * 2);
      });
      return body;
    },
  };
}

/** The query, the operation and the variables as sent (a different order is another key). */
function keyOf({ query, operationName, variables }: GraphqlParams): string {
  return `${operationName ?? ""}\n${variables ? JSON.stringify(variables) : ""}\n${query}`;
}
