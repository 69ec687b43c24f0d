/**
 * Wire schemas of the API key routes.
 *
 * @module
 */
import * as v from "valibot";
import { cursorParam, limitParam } from "../../shared/http/paging.ts";
import { keyScopes } from "../../shared/auth/scopes.ts";

/** The longest a key may live: a year, so a forgotten key does not work forever by accident. */
const maxLifetimeMs = 366 * 24 * 3600_000;

/** `POST /v1/api-keys`: a name, at least one scope (each once), an optional expiry in the future. */
export const newApiKeyBody = v.strictObject({
  name: v.pipe(
    v.string("must be a string"),
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(100, "must be at most 100 characters"),
  ),
  scopes: v.pipe(
    v.array(v.picklist(keyScopes, `must be one of ${keyScopes.join(", ")}`), "must be an array"),
    v.minLength(1, "must name at least one scope"),
    v.check((scopes) => new Set(scopes).size === scopes.length, "must name each scope once"),
  ),
  expiresAt: v.optional(v.pipe(
    v.string("must be a string"),
    v.isoTimestamp("must be an RFC 3339 time with a time zone"),
    v.transform((text) => new Date(text)),
    v.check((at) => at.getTime() > Date.now(), "must be in the future"),
    v.check((at) => at.getTime() <= Date.now() + maxLifetimeMs, "must be within a year"),
  )),
});
export type NewApiKey = v.InferOutput<typeof newApiKeyBody>;

/** Where a page of keys ends: the last key's creation (to the microsecond) and id. */
export interface ApiKeyCursor {
  at: string;
  id: string;
}

const apiKeyCursor = v.pipe(
  v.strictObject({
    k: v.literal("ak"),
    t: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)),
    i: v.pipe(v.string(), v.uuid()),
  }),
  v.transform((c): ApiKeyCursor => ({ at: c.t, id: c.i })),
);

/** The cursor of the page after one ending at `last`. */
export const apiKeyCursorOf = (last: ApiKeyCursor) => ({ k: "ak", t: last.at, i: last.id });

/** `GET /v1/api-keys`: newest first; `limit` 1–100 (default 20), `cursor`. */
export const apiKeyListQuery = v.object({ limit: limitParam, cursor: cursorParam(apiKeyCursor) });
export type ApiKeyListQuery = v.InferOutput<typeof apiKeyListQuery>;

/** `POST /internal/api-keys/resolve`: the SHA-256 (base64url) of a presented secret. */
export const resolveApiKeyBody = v.strictObject({
  secretHash: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url SHA-256")),
});

/** A key as listed (never its secret). */
export interface ApiKeyBody {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}
