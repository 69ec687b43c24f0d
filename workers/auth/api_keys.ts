/**
 * API keys: a member's (or admin's) credentials for third parties, acting
 * for them within the scopes they chose (shared/auth/scopes.ts).
 *
 * The secret (shared/auth/api_key_secret.ts) is shown once, at creation, and
 * stored only as its SHA-256. A fast unsalted hash is right here, unlike for
 * passwords: a secret carries ~179 random bits, so no dictionary or
 * brute-force attack on a leaked hash can succeed, and verifiers look keys up
 * by the hash on the request path, where Argon2 would cost 100 ms a call.
 *
 * Revocation is immediate everywhere: the key's login id goes on the shared
 * revocation list, which every verifier reads on every request, before its
 * row is deleted (so a failure in between leaves the key revoked, and a
 * retry finishes the job).
 *
 * @module
 */
import { type ApiKeyRecord, hashApiKeySecret } from "../../shared/auth/api_keys.ts";
import { newApiKeySecret } from "../../shared/auth/api_key_secret.ts";
import { apiKeySessionId, type Principal } from "../../shared/auth/principal.ts";
import type { RevocationList } from "../../shared/auth/revocations.ts";
import { grantableScopes, type KeyScope } from "../../shared/auth/scopes.ts";
import { type Page, pageBody } from "../../shared/http/paging.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import type { ApiKeyRepository, ApiKeyRow } from "./api_key_repository.ts";
import {
  type ApiKeyBody,
  apiKeyCursorOf,
  type ApiKeyListQuery,
  type NewApiKey,
} from "./api_key_schema.ts";
import { authProblems } from "./problems.ts";

/** The most live keys one account may hold. */
export const maxKeysPerAccount = 25;

/** What the key use cases need. */
export interface ApiKeyServiceDeps {
  repository: ApiKeyRepository;
  revocations: RevocationList;
  now: () => Date;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function keyBody(row: ApiKeyRow): ApiKeyBody {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

const notFound = () =>
  new Problem(authProblems.API_KEY_NOT_FOUND, "There is no API key of yours with this id.");

/** True when two base64url hashes are equal, compared in time independent of where they differ. */
function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  // Every character is compared, whatever the first difference: no early exit.
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** The API key use cases over `deps`. */
export function createApiKeyService(deps: ApiKeyServiceDeps) {
  const { repository, now } = deps;
  return {
    /** Creates a key for `owner`; its secret is in this answer and nowhere else, ever. */
    async create(owner: Principal, input: NewApiKey): Promise<ApiKeyBody & { secret: string }> {
      const allowed = grantableScopes(owner.role);
      const refused = input.scopes.filter((scope) => !allowed.includes(scope));
      if (refused.length > 0) {
        throw new Problem(
          platformProblems.FORBIDDEN,
          `Only an admin's key may hold ${refused.join(", ")}.`,
        );
      }
      if (await repository.liveCount(owner.sub, now()) >= maxKeysPerAccount) {
        throw new Problem(
          authProblems.API_KEY_LIMIT_REACHED,
          `An account holds at most ${maxKeysPerAccount} keys; revoke one first.`,
        );
      }
      const secret = newApiKeySecret();
      const row = await repository.insert({
        id: crypto.randomUUID(),
        userId: owner.sub,
        name: input.name,
        scopes: input.scopes,
        secretHash: await hashApiKeySecret(secret),
        createdAt: now(),
        expiresAt: input.expiresAt ?? null,
      });
      return { ...keyBody(row), secret };
    },

    /** A page of `userId`'s keys, newest first, without secrets. */
    async list(userId: string, query: ApiKeyListQuery): Promise<Page<ApiKeyBody>> {
      const page = await repository.list(userId, { limit: query.limit, after: query.cursor });
      return pageBody(page, keyBody, apiKeyCursorOf);
    },

    /** Revokes `userId`'s key `id` everywhere at once; 404 when they hold none with that id. */
    async revoke(userId: string, id: string): Promise<void> {
      if (!uuid.test(id)) throw notFound();
      if (!(await repository.find(userId, id))) throw notFound();
      await deps.revocations.revokeSession(apiKeySessionId(id), now());
      if (!(await repository.delete(userId, id))) throw notFound();
    },

    /** The live key stored under `secretHash` (touching its `lastUsedAt`), or null. */
    async resolve(secretHash: string): Promise<ApiKeyRecord | null> {
      const row = await repository.touch(secretHash, now());
      // The index found it by hash; the comparison is repeated in constant time all the same.
      if (!row || !sameHash(row.secretHash, secretHash)) return null;
      return {
        id: row.id,
        userId: row.userId,
        role: row.role,
        scopes: row.scopes as KeyScope[],
        createdAt: row.createdAt.getTime(),
        expiresAt: row.expiresAt?.getTime() ?? null,
      };
    },
  };
}

/** The API key service's type. */
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
