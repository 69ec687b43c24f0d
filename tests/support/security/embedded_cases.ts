/**
 * Hostile cases that need to look inside the process: what a forwarded
 * request carries, a hung worker behind a binding, `/metrics` unconfigured.
 *
 * @module
 */
import assert from "node:assert/strict";
import { internalSecretHeader } from "../../../shared/bindings/service_binding.ts";
import { eventually } from "../../../shared/testing/assertions.ts";
import { bearer, postJson } from "../../../shared/testing/requests.ts";
import { decodeJwt, signUp } from "../identity.ts";
import { listenEmbedded, type SecurityTarget } from "../security_target.ts";

/** Cases that look inside the process (the embedded composition only). */
export async function embeddedCases(t: Deno.TestContext, target: SecurityTarget) {
  const platform = target.embedded!;

  await t.step("a client's request reaches a worker without the internal secret", async () => {
    const seen: (string | null)[] = [];
    const users = platform.workers.users;
    platform.workers.users = {
      fetch(request, env) {
        seen.push(request.headers.get(internalSecretHeader));
        return users.fetch(request, env);
      },
    };
    try {
      const user = await signUp(platform);
      const me = await target.request("/v1/me", {
        headers: { ...bearer(user.accessToken), [internalSecretHeader]: platform.internalSecret },
      });
      assert.equal(me.status, 200);
      await me.body?.cancel();
      // Registration's own call to users is the auth worker's: signed. The forwarded GET is not.
      assert.deepEqual(seen.at(-1), null);
      assert.ok(seen.includes(platform.internalSecret), "the auth worker's own call is signed");
    } finally {
      platform.workers.users = users;
    }
  });

  await t.step("a hung worker: 503 with Retry-After at the deadline, then at once", async () => {
    const slow = await listenEmbedded({
      bindings: { timeoutMs: 150, breaker: { failures: 3, openMs: 1_000 } },
    });
    const workouts = slow.embedded!.workers.workouts;
    let reached = 0;
    slow.embedded!.workers.workouts = {
      fetch: () => {
        reached++;
        return new Promise<Response>(() => {});
      },
    };
    try {
      for (let i = 0; i < 4; i++) {
        const response = await slow.request("/v1/exercises");
        assert.equal(response.status, 503);
        assert.equal(response.headers.get("content-type"), "application/problem+json");
        assert.match(response.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
        await response.body?.cancel();
      }
      // Three calls wait out the deadline; then the breaker answers without calling the worker.
      // Counted, not timed: a loaded machine stretches every clock but not this count.
      assert.equal(reached, 3);
      slow.embedded!.workers.workouts = workouts;
      await eventually(
        "the breaker closes once the worker answers",
        async () => {
          const response = await slow.request("/v1/exercises?limit=1");
          await response.body?.cancel();
          return response.status;
        },
        (status) => status === 200,
        3_000,
      );
    } finally {
      slow.embedded!.workers.workouts = workouts;
      await slow.close();
    }
  });

  await t.step("the admin bootstrap never promotes a member without their password", async () => {
    const member = await signUp(platform);
    const outcome = await platform.ensureAdmin({
      email: member.email,
      password: "the operator's idea of a password",
    });
    assert.equal(outcome?.outcome, "refused");
    const login = await target.request(
      "/v1/auth/login",
      postJson({ email: member.email, password: member.password }),
    );
    assert.equal(login.status, 200);
    assert.equal(decodeJwt((await login.json()).accessToken).payload.role, "member");
  });

  await t.step("auth down: no key known → 503; keys known → they keep working", async () => {
    const fresh = await listenEmbedded();
    const auth = fresh.embedded!.workers.auth;
    const down = () => {
      fresh.embedded!.workers.auth = { fetch: () => Promise.reject(new TypeError("refused")) };
    };
    try {
      const user = await signUp(fresh);
      const me = () => fresh.request("/v1/me", { headers: bearer(user.accessToken) });
      down();
      const unknown = await me();
      assert.equal(unknown.status, 503);
      assert.match(unknown.headers.get("retry-after") ?? "", /^\d+$/);
      await unknown.body?.cancel();
      fresh.embedded!.workers.auth = auth;
      await eventually(
        "the keys are fetched once auth is back",
        async () => {
          const response = await me();
          await response.body?.cancel();
          return response.status;
        },
        (status) => status === 200,
        5_000,
      );
      down();
      const known = await me();
      assert.equal(known.status, 200);
      await known.body?.cancel();
    } finally {
      fresh.embedded!.workers.auth = auth;
      await fresh.close();
    }
  });

  await t.step("/metrics is not served at all without a configured token", async () => {
    const bare = await listenEmbedded({ metricsToken: "" });
    try {
      const response = await bare.request("/metrics", { headers: bearer("") });
      assert.equal(response.status, 404);
      await response.body?.cancel();
    } finally {
      await bare.close();
    }
  });
}
