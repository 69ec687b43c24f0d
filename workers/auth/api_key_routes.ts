/**
 * The API key routes: members and admins manage their keys (only from a
 * signed-in session: the `account` scope, which no key holds), and verifiers
 * resolve presented keys through `/internal/api-keys/resolve` (peers only:
 * the base app's `/internal/*` guard).
 *
 * @module
 */
import { Hono } from "hono";
import { requireAuth, requireScope } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { withNextLink } from "../../shared/http/paging.ts";
import { Problem } from "../../shared/http/problem.ts";
import { jsonBody, queryParams } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { apiKeyListQuery, newApiKeyBody, resolveApiKeyBody } from "./api_key_schema.ts";
import type { ApiKeyService } from "./api_keys.ts";
import { authProblems } from "./problems.ts";
import { authDocs } from "./route_docs.ts";

const noStore = { "cache-control": "no-store" };

/** The routes, chained so `hc` clients (the verifiers' lookup) see their types. */
export function apiKeyRoutes(service: ApiKeyService, verifier: TokenVerifier) {
  const authenticated = requireAuth(verifier);
  return new Hono<WorkerEnv>()
    .post(
      "/v1/api-keys",
      authDocs.createApiKey,
      authenticated,
      requireScope("account"),
      jsonBody(newApiKeyBody),
      async (c) => {
        const created = await service.create(c.get("auth"), c.req.valid("json"));
        return c.json(created, 201, { ...noStore, location: `/v1/api-keys/${created.id}` });
      },
    )
    .get(
      "/v1/api-keys",
      authDocs.listApiKeys,
      authenticated,
      requireScope("account"),
      queryParams(apiKeyListQuery),
      async (c) => {
        const page = await service.list(c.get("auth").sub, c.req.valid("query"));
        return c.json(withNextLink(c, page), 200, noStore);
      },
    )
    .delete(
      "/v1/api-keys/:id",
      authDocs.revokeApiKey,
      authenticated,
      requireScope("account"),
      async (c) => {
        await service.revoke(c.get("auth").sub, c.req.param("id"));
        return c.body(null, 204);
      },
    )
    .post("/internal/api-keys/resolve", jsonBody(resolveApiKeyBody), async (c) => {
      const record = await service.resolve(c.req.valid("json").secretHash);
      if (!record) throw new Problem(authProblems.API_KEY_NOT_FOUND, "There is no such key.");
      return c.json(record, 200, noStore);
    });
}
