/**
 * Hostile cases on identity: the lockout race, logins that must end at once,
 * tokens that claim too much time, and an account closing that must reach
 * every worker.
 *
 * @module
 */
import assert from "node:assert/strict";
import { importJWK, SignJWT } from "jose";
import { tokenAlgorithm, tokenAudience, tokenIssuer } from "../../../shared/auth/claims.ts";
import { revocationCacheMaxAgeMs } from "../../../shared/auth/revocations.ts";
import { bearer, postJson } from "../../../shared/testing/requests.ts";
import { decodeJwt, signUp, type TestUser } from "../identity.ts";
import type { SecurityTarget } from "../security_target.ts";

export async function identityCases(t: Deno.TestContext, target: SecurityTarget) {
  const me = async (token: string) => {
    const response = await target.request("/v1/me", { headers: bearer(token) });
    await response.body?.cancel();
    return response.status;
  };
  /**
   * Until a revocation must be seen: embedded, at once (the auth worker writes the list that
   * every verifier reads, in the same process); split, the users process keeps its last check
   * for up to revocationCacheMaxAgeMs (shared/auth/revocations.ts), so the suite waits that out.
   */
  const revocationSeen = async () => {
    if (target.mode === "split") {
      await new Promise((resolve) => setTimeout(resolve, revocationCacheMaxAgeMs));
    }
  };

  await t.step("lockout race: 25 concurrent wrong passwords → at most 10 checked", async () => {
    const user = await signUp(target);
    const unexpected: string[] = [];
    const statuses = await Promise.all(
      Array.from({ length: 25 }, async () => {
        const response = await target.request(
          "/v1/auth/login",
          postJson({ email: user.email, password: "wrong password here" }),
        );
        // An unexpected answer's body says why (a 503 names the store or peer that failed).
        if (response.status === 401 || response.status === 429) await response.body?.cancel();
        else unexpected.push(`${response.status} ${await response.text()}`);
        return response.status;
      }),
    );
    assert.deepEqual(unexpected, []);
    assert.ok(statuses.filter((status) => status === 401).length <= 10, String(statuses));
  });

  await t.step(
    "logout ends that login's access token (at once, or within the bound in split)",
    async () => {
      const user = await signUp(target);
      assert.equal(await me(user.accessToken), 200);
      const logout = await target.request(
        "/v1/auth/logout",
        postJson({ refreshToken: user.refreshToken }),
      );
      assert.equal(logout.status, 204);
      await revocationSeen();
      assert.equal(await me(user.accessToken), 401);
    },
  );

  await t.step("a reused refresh token ends every access token of that login", async () => {
    const user = await signUp(target);
    const refreshed = await target.request(
      "/v1/auth/refresh",
      postJson({ refreshToken: user.refreshToken }),
    );
    assert.equal(refreshed.status, 200);
    const newest = (await refreshed.json()).accessToken;
    const reuse = await target.request(
      "/v1/auth/refresh",
      postJson({ refreshToken: user.refreshToken }),
    );
    assert.equal(reuse.status, 401);
    await reuse.body?.cancel();
    await revocationSeen();
    assert.equal(await me(newest), 401);
    assert.equal(await me(user.accessToken), 401);
  });

  await t.step("a token from the future or for a year is refused", async () => {
    const user = await signUp(target);
    const now = Math.floor(Date.now() / 1000);
    assert.equal(await me(await forge(target, user, now, now + 900)), 200);
    assert.equal(await me(await forge(target, user, now + 3600, now + 4500)), 401);
    assert.equal(await me(await forge(target, user, now, now + 365 * 24 * 3600)), 401);
  });

  await t.step("closing an account removes the profile too", async () => {
    const user = await signUp(target);
    const profile = () => target.internalCall("users", `/internal/profiles/${user.id}`);
    const before = await profile();
    assert.equal(before.status, 200);
    await before.body?.cancel();
    const closed = await target.request("/v1/me", {
      method: "DELETE",
      headers: bearer(user.accessToken),
    });
    assert.equal(closed.status, 204);
    const after = await profile();
    assert.equal(after.status, 404);
    await after.body?.cancel();
    await revocationSeen();
    assert.equal(await me(user.accessToken), 401);
  });
}

/** An access token for `user` signed with the platform's real key, with the times given. */
async function forge(target: SecurityTarget, user: TestUser, iat: number, exp: number) {
  const jwk = target.signingJwk;
  return await new SignJWT({ role: "member", sid: decodeJwt(user.accessToken).payload.sid })
    .setProtectedHeader({ alg: tokenAlgorithm, kid: jwk.kid!, typ: "JWT" })
    .setIssuer(tokenIssuer).setAudience(tokenAudience).setSubject(user.id)
    .setJti(crypto.randomUUID()).setIssuedAt(iat).setExpirationTime(exp)
    .sign(await importJWK(jwk, tokenAlgorithm));
}
