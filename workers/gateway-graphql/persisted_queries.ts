/**
 * Automatic persisted queries, the protocol of Apollo's clients: a request
 * may carry `extensions.persistedQuery: { version: 1, sha256Hash }` instead
 * of its query. A hash the gateway knows runs its query; an unknown one is
 * answered `PersistedQueryNotFound` (code PERSISTED_QUERY_NOT_FOUND, 404),
 * and the client sends the query with its hash once, which registers it.
 *
 * A query sent with a hash is verified against it (a mismatch is refused,
 * 400 PERSISTED_QUERY_HASH_MISMATCH). Queries are kept in a per-process LRU
 * and in the gateway's key-value store (Upstash in production) for a day,
 * so every isolate knows a query one of them registered. A query over
 * `maxQueryLength` runs but is not kept. The store being down costs a
 * round trip (the client is asked for the query again), never an answer.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { StoreUnavailableError } from "../../shared/stores/unavailable.ts";
import type { GraphQLError } from "graphql";
import { clientError } from "./errors.ts";
import { Lru } from "../../shared/cache/lru.ts";
import { graphqlProblems } from "./problems.ts";

/** What a request says about its persisted query. */
export interface PersistedQueryRef {
  version: number;
  sha256Hash: string;
}

/** How many queries are kept, and for how long. */
export interface PersistedQueryBounds {
  /** Characters of one query: longer ones run, but are not kept. */
  maxQueryLength: number;
  /** The in-process LRU. */
  maxEntries: number;
  maxTotalLength: number;
  /** How long the key-value store keeps a query after its registration. */
  ttlMs: number;
}

export const defaultPersistedQueryBounds: PersistedQueryBounds = {
  maxQueryLength: 20_000,
  maxEntries: 1_000,
  maxTotalLength: 4_000_000,
  ttlMs: 24 * 60 * 60_000,
};

/** The query to run, or the error refusing the request. */
export type PersistedLookup = { ok: true; query: string } | { ok: false; error: GraphQLError };

/** The persisted queries of one gateway. */
export function persistedQueries(
  kv: KeyValueStore,
  log: Logger,
  bounds: PersistedQueryBounds = defaultPersistedQueryBounds,
) {
  const known = new Lru<string, string>({
    maxEntries: bounds.maxEntries,
    maxWeight: bounds.maxTotalLength,
  });
  const keyOf = (hash: string) => `apq:${hash}`;

  return {
    /** The query `ref` names: `query` itself once verified, else the one registered. */
    async lookup(ref: PersistedQueryRef, query: string | undefined): Promise<PersistedLookup> {
      const hash = ref.sha256Hash.toLowerCase();
      if (query !== undefined) {
        if (await sha256Hex(query) !== hash) return { ok: false, error: hashMismatch() };
        return { ok: true, query };
      }
      const remembered = known.get(hash) ?? await readStored(hash);
      if (remembered === undefined) return { ok: false, error: notFound() };
      return { ok: true, query: remembered };
    },

    /** Keeps `query` under its verified `ref`, once it passed every check. */
    async register(ref: PersistedQueryRef, query: string): Promise<void> {
      const hash = ref.sha256Hash.toLowerCase();
      if (query.length > bounds.maxQueryLength || known.get(hash) !== undefined) return;
      known.set(hash, query, query.length);
      try {
        await kv.set(keyOf(hash), query, { ttlMs: bounds.ttlMs });
      } catch (error) {
        quietly(error);
      }
    },
  };

  async function readStored(hash: string): Promise<string | undefined> {
    let stored: unknown;
    try {
      stored = await kv.get<string>(keyOf(hash));
    } catch (error) {
      quietly(error);
      return undefined;
    }
    if (typeof stored !== "string") return undefined;
    known.set(hash, stored, stored.length);
    return stored;
  }

  function quietly(error: unknown) {
    // An outage is said once by the store's guard (shared/stores/kv/resilient.ts): not per request.
    if (!(error instanceof StoreUnavailableError)) {
      log.warn("persisted queries unavailable", { error: describeError(error) });
    }
  }
}

/** The request's `extensions.persistedQuery`, checked; undefined when it has none. */
export function persistedQueryRef(
  extensions: Record<string, unknown> | undefined,
): PersistedQueryRef | GraphQLError | undefined {
  const ref = extensions?.persistedQuery;
  if (ref === undefined || ref === null) return undefined;
  if (typeof ref !== "object" || Array.isArray(ref)) return notSupported("an object");
  const { version, sha256Hash } = ref as Record<string, unknown>;
  if (version !== 1) return notSupported("version 1");
  if (typeof sha256Hash !== "string" || !/^[0-9a-fA-F]{64}$/.test(sha256Hash)) {
    return notSupported("a sha256Hash of 64 hexadecimal digits");
  }
  return { version, sha256Hash };
}

/** The SHA-256 of `text`'s UTF-8 bytes, in lowercase hex (what Apollo's clients send). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function notFound(): GraphQLError {
  // The message is the protocol: Apollo's clients match on it (or on the code).
  return clientError(graphqlProblems.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
}

function hashMismatch(): GraphQLError {
  return clientError(
    graphqlProblems.PERSISTED_QUERY_HASH_MISMATCH,
    "The sha256Hash of extensions.persistedQuery is not the SHA-256 of the query.",
  );
}

function notSupported(what: string): GraphQLError {
  return clientError(
    graphqlProblems.PERSISTED_QUERY_NOT_SUPPORTED,
    `extensions.persistedQuery must be ${what}.`,
  );
}
