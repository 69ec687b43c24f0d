/**
 * The auth worker's HTTP surface: `/v1/auth/*`, the JWKS, and the internal
 * routes its peers call: the users worker closes an account, the
 * notifications worker lists the admins.
 *
 * @module
 */
import { Hono } from "hono";
import * as v from "valibot";
import { Problem } from "../../shared/http/problem.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { requestClientIp } from "../../shared/http/client_ip.ts";
import { rateLimitHeaders } from "../../shared/http/rate_limit.ts";
import { jsonBody } from "../../shared/http/validation.ts";
import type { KeyRing } from "./keys.ts";
import { identityId, loginBody, refreshBody, registerBody } from "./schema.ts";
import type { AuthService } from "./service.ts";
import { authProblems } from "./problems.ts";

/** What the routes need. */
export interface AuthRoutesDeps {
  service: AuthService;
  keys: () => Promise<KeyRing>;
  internalSecret: string;
}

/** The routes, chained so `hc` clients see their types. */
export function authRoutes({ service, keys, internalSecret }: AuthRoutesDeps) {
  const call = (c: { get(key: "requestId"): string }, ip: string) => ({
    requestId: c.get("requestId"),
    clientIp: ip,
  });

  return new Hono<WorkerEnv>()
    .get("/.well-known/jwks.json", async (c) => {
      // Verifiers cache these; a short max-age lets a newly published key spread quickly.
      c.header("cache-control", "public, max-age=300");
      return c.json({ keys: (await keys()).jwks });
    })
    .post("/v1/auth/register", jsonBody(registerBody), async (c) => {
      const { result, limit } = await service.register(
        c.req.valid("json"),
        call(c, requestClientIp(c, internalSecret)),
      );
      return c.json(result, 201, { ...rateLimitHeaders(limit), "cache-control": "no-store" });
    })
    .post("/v1/auth/login", jsonBody(loginBody), async (c) => {
      const { result, limit } = await service.login(
        c.req.valid("json"),
        call(c, requestClientIp(c, internalSecret)),
      );
      return c.json(result, 200, { ...rateLimitHeaders(limit), "cache-control": "no-store" });
    })
    .post("/v1/auth/refresh", jsonBody(refreshBody), async (c) => {
      const result = await service.refresh(
        c.req.valid("json").refreshToken,
        call(c, requestClientIp(c, internalSecret)),
      );
      return c.json(result, 200, { "cache-control": "no-store" });
    })
    .post("/v1/auth/logout", jsonBody(refreshBody), async (c) => {
      await service.logout(c.req.valid("json").refreshToken);
      return c.body(null, 204);
    })
    // Idempotent: an identity already gone is 204 too, so a retried closing finishes the job.
    .delete("/internal/identities/:userId", async (c) => {
      const userId = c.req.param("userId");
      if (!v.is(identityId, userId)) {
        throw new Problem(authProblems.IDENTITY_NOT_FOUND, "There is no identity with this id.");
      }
      await service.deleteIdentity(userId, c.get("requestId"));
      return c.body(null, 204);
    })
    // Peers only (the `/internal/*` guard): the notifications worker fans out to admins.
    .get("/internal/auth/admins", async (c) => {
      return c.json({ items: await service.listAdmins() }, 200, { "cache-control": "no-store" });
    });
}
