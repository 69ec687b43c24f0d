/**
 * Closing one's account at the users worker: auth closes the identity first
 * (revoking its tokens), and nothing is deleted while auth fails.
 */
import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../../shared/testing/assertions.ts";
import { bearer, usersTest } from "./testing.ts";

usersTest("[users] DELETE /v1/me", async (t, fx) => {
  await fx.register("u-cy");

  await t.step("is 503 and deletes nothing when auth fails", async () => {
    fx.setAuthMode("failing");
    const token = await fx.token("u-cy");
    const response = await fx.request("/v1/me", { method: "DELETE", ...bearer(token) });
    assert.equal(response.headers.get("retry-after"), "1");
    await expectProblem(response, 503, "SERVICE_UNAVAILABLE");
    assert.equal(fx.identityCalls.length, 1);
    await expectJson(await fx.request("/v1/me", bearer(token)), 200);
  });

  await t.step("is 503 and deletes nothing when auth is unreachable", async () => {
    fx.setAuthMode("down");
    const token = await fx.token("u-cy");
    await expectProblem(
      await fx.request("/v1/me", { method: "DELETE", ...bearer(token) }),
      503,
      "SERVICE_UNAVAILABLE",
    );
    await expectJson(await fx.request("/v1/me", bearer(token)), 200);
  });

  await t.step("closes the identity at auth, then deletes the profile", async () => {
    fx.setAuthMode("ok");
    fx.identityCalls.length = 0;
    const token = await fx.token("u-cy");
    const response = await fx.request("/v1/me", {
      method: "DELETE",
      ...bearer(token, { "x-request-id": "close-cy-1" }),
    });
    assert.equal(response.status, 204);
    assert.equal(await response.text(), "");
    assert.deepEqual(fx.identityCalls, [
      { userId: "u-cy", requestId: "close-cy-1", fromPeer: true },
    ]);
    // Auth revoked the tokens issued so far.
    await expectProblem(await fx.request("/v1/me", bearer(token)), 401, "UNAUTHENTICATED");
  });

  await t.step("afterwards GET is 404 (with a token issued later)", async () => {
    fx.advance(1);
    await expectProblem(
      await fx.request("/v1/me", bearer(await fx.token("u-cy"))),
      404,
      "PROFILE_NOT_FOUND",
    );
  });

  await t.step("is 204 again when the profile is already gone", async () => {
    const response = await fx.request("/v1/me", {
      method: "DELETE",
      ...bearer(await fx.token("u-cy")),
    });
    assert.equal(response.status, 204);
  });

  await t.step("is 401 without a token and calls nobody", async () => {
    fx.identityCalls.length = 0;
    await expectProblem(await fx.request("/v1/me", { method: "DELETE" }), 401, "UNAUTHENTICATED");
    assert.deepEqual(fx.identityCalls, []);
  });
});
