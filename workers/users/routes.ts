/**
 * The users worker's HTTP surface: `/v1/me` for members, and the profile
 * routes the auth worker calls during registration. HTTP only: headers,
 * status codes and wire shapes; the use cases live in ./service.ts.
 *
 * @module
 */
import { Hono } from "hono";
import { requireAuth, requireScope } from "../../shared/auth/middleware.ts";
import type { Role } from "../../shared/auth/claims.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { jsonBody } from "../../shared/http/validation.ts";
import { jsonText, memoizedJson } from "../../shared/http/json_memo.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { etagOf, expectedVersion, noneMatchHits } from "./etag.ts";
import { type MeBody, newProfileSchema, type ProfileBody, profilePatchSchema } from "./schema.ts";
import type { Profile, UsersService } from "./service.ts";
import { usersDocs } from "./route_docs.ts";

/** The wire shape of a stored profile. */
export function profileBody(profile: Profile): ProfileBody {
  return {
    id: profile.userId,
    email: profile.email,
    displayName: profile.displayName,
    bio: profile.bio,
    units: profile.units,
    timezone: profile.timezone,
    goals: profile.goals,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

function meBody(profile: Profile, role: Role): MeBody {
  return { ...profileBody(profile), role };
}

/** `/v1/me`'s JSON, made once per profile kept in memory (./profile_near_cache.ts) and role. */
const meText = memoizedJson(meBody);

/**
 * Validators for caches: `no-cache` so a client revalidates with its ETag;
 * `Vary: Authorization` because `/v1/me` is one URL for every member, so a
 * cached answer (or a 304) for one account must never serve another.
 */
function profileHeaders(profile: Profile): Record<string, string> {
  return {
    etag: etagOf(profile.version),
    "cache-control": "private, no-cache",
    vary: "Authorization",
  };
}

/** The users routes over `service`, authenticating members with `verifier`. */
export function createUsersRoutes(service: UsersService, verifier: TokenVerifier) {
  const authenticated = requireAuth(verifier);

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .get("/v1/me", usersDocs.getMe, authenticated, requireScope("profile:read"), async (c) => {
      const { sub, role } = c.get("auth");
      const profile = await service.getProfile(sub);
      if (noneMatchHits(c.req.header("if-none-match"), profile.version)) {
        return c.body(null, 304, profileHeaders(profile));
      }
      return jsonText<MeBody>(c, meText(profile, role), profileHeaders(profile));
    })
    .patch(
      "/v1/me",
      usersDocs.updateMe,
      authenticated,
      requireScope("profile:write"),
      jsonBody(profilePatchSchema),
      async (c) => {
        const { sub, role } = c.get("auth");
        const expected = expectedVersion(c.req.header("if-match"));
        const profile = await service.updateProfile(sub, c.req.valid("json"), expected);
        return c.json(meBody(profile, role), 200, profileHeaders(profile));
      },
    )
    // Closing the account is for a signed-in member only: no key holds `account`.
    .delete("/v1/me", usersDocs.deleteMe, authenticated, requireScope("account"), async (c) => {
      await service.closeAccount(c.get("auth").sub, { requestId: c.get("requestId") });
      return c.body(null, 204);
    })
    // `/internal/*` answers only peers holding the internal secret (the base app's guard).
    .get("/internal/profiles/:userId", async (c) => {
      const profile = await service.getProfile(c.req.param("userId"));
      return c.json(profileBody(profile), 200, { etag: etagOf(profile.version) });
    })
    .put("/internal/profiles/:userId", jsonBody(newProfileSchema), async (c) => {
      const { profile, created } = await service.ensureProfile(
        c.req.param("userId"),
        c.req.valid("json"),
      );
      return c.json(profileBody(profile), created ? 201 : 200, { etag: etagOf(profile.version) });
    })
    .delete("/internal/profiles/:userId", async (c) => {
      await service.removeProfile(c.req.param("userId"));
      return c.body(null, 204);
    });
}
