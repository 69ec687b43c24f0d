/**
 * The Workouts section of the contract, part 5: catalog and plan reads served
 * from the key-value cache, invalidated by writes through the API (plans) or
 * by a new catalog version, and switchable off.
 */
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { inProcessBinding, internalSecretHeader } from "../shared/bindings/service_binding.ts";
import { createLogger } from "../shared/logging/logger.ts";
import { createAuthentication } from "../shared/runtime/authentication.ts";
import { createWorkoutsWorker } from "../workers/workouts/mod.ts";
import { authCalls } from "../workers/auth/client.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import {
  catalogVersionTtlMs,
  type ExerciseBody,
  exercises,
  type PlanBody,
  plans,
} from "../workers/workouts/testing.ts";

/** The workouts worker on `platform`'s stores, with the cache off (as for a cold benchmark). */
function coldWorker(platform: TestPlatform) {
  const auth = inProcessBinding(() => platform.workers.auth, {
    internalSecret: platform.internalSecret,
  });
  const worker = createWorkoutsWorker({
    log: createLogger({ level: "silent" }),
    internalSecret: platform.internalSecret,
    postgres: platform.stores.postgres,
    kv: platform.stores.kvFor("workouts"),
    ...createAuthentication(auth, platform.stores, { authCalls }),
    cache: { enabled: false },
  });
  return (path: string, init?: RequestInit) =>
    Promise.resolve(worker.fetch(new Request(new URL(path, "http://workouts.internal"), init)));
}

async function cacheLookups(platform: TestPlatform): Promise<string[]> {
  const response = await platform.workers.workouts.fetch(
    new Request("http://workouts.internal/internal/metrics", {
      headers: { [internalSecretHeader]: platform.internalSecret },
    }),
  );
  return (await response.text()).split("\n").filter((line) =>
    line.startsWith("fitconnect_cache_lookups_total")
  );
}

platformTest("[workouts] catalog cache", async (t, open) => {
  let current = new Date();
  const platform = await open({ now: () => current });
  const { db } = platform.stores.postgres;
  const cold = coldWorker(platform);
  const path = "/v1/exercises/barbell-back-squat";
  const rename = (name: string) =>
    db.update(exercises).set({ name }).where(eq(exercises.id, "barbell-back-squat"));

  try {
    await t.step("a read is served from the cache while the catalog version holds", async () => {
      const first = await platform.request(path);
      const cached = await expectJson<ExerciseBody>(first, 200);
      await rename("Renamed Behind The Cache");
      const again = await platform.request(path);
      assert.deepEqual(await expectJson(again, 200), cached);
      assert.equal(again.headers.get("etag"), first.headers.get("etag"));
      assert.ok((await cacheLookups(platform)).some((line) => /cache="catalog".*hit/.test(line)));
    });

    await t.step("with the cache off, the database answers", async () => {
      const body = await expectJson<ExerciseBody>(await cold(path), 200);
      assert.equal(body.name, "Renamed Behind The Cache");
    });

    await t.step("a changed catalog is a new version: fresh answers within a minute", async () => {
      current = new Date(current.getTime() + catalogVersionTtlMs + 1);
      const body = await expectJson<ExerciseBody>(await platform.request(path), 200);
      assert.equal(body.name, "Renamed Behind The Cache");
      const found = await expectJson<{ items: ExerciseBody[] }>(
        await platform.request("/v1/exercises?q=renamed%20behind"),
        200,
      );
      assert.deepEqual(found.items.map((item) => item.id), ["barbell-back-squat"]);
    });
  } finally {
    await rename("Barbell Back Squat");
  }
});

platformTest("[workouts] plan cache", async (t, open) => {
  const platform = await open();
  const { db } = platform.stores.postgres;
  const alice = await signUp(platform);
  const cold = coldWorker(platform);
  const created = await expectJson<PlanBody>(
    await platform.request(
      "/v1/workouts",
      postJson(
        { name: "Original", exercises: [{ exerciseId: "pull-up", sets: 3, reps: 8 }] },
        bearer(alice.accessToken),
      ),
    ),
    201,
  );
  const path = `/v1/workouts/${created.id}`;
  const get = async () =>
    await expectJson<PlanBody>(
      await platform.request(path, { headers: bearer(alice.accessToken) }),
      200,
    );

  await t.step("a change behind the API stays unseen while cached", async () => {
    await get();
    await db.update(plans).set({ name: "Changed In The Database" }).where(eq(plans.id, created.id));
    assert.equal((await get()).name, "Original");
    const fresh = await expectJson<PlanBody>(
      await cold(path, { headers: bearer(alice.accessToken) }),
      200,
    );
    assert.equal(fresh.name, "Changed In The Database");
  });

  await t.step("a PATCH through the API replaces the cached plan", async () => {
    const patched = await expectJson<PlanBody>(
      await platform.request(path, {
        method: "PATCH",
        headers: { ...bearer(alice.accessToken), "content-type": "application/json" },
        body: JSON.stringify({ description: "Now with a description" }),
      }),
      200,
    );
    assert.equal(patched.name, "Changed In The Database");
    assert.equal(patched.description, "Now with a description");
    assert.deepEqual(await get(), patched);
  });

  await t.step("templates are cached too", async () => {
    const template = await expectJson<PlanBody>(
      await platform.request("/v1/workouts/tpl-5x5-strength-a"),
      200,
    );
    await db.update(plans).set({ name: "Changed" }).where(eq(plans.id, "tpl-5x5-strength-a"));
    try {
      const again = await platform.request("/v1/workouts/tpl-5x5-strength-a");
      assert.deepEqual(await expectJson(again, 200), template);
    } finally {
      await db.update(plans).set({ name: template.name })
        .where(eq(plans.id, "tpl-5x5-strength-a"));
    }
  });

  await t.step("a DELETE through the API leaves no cached copy behind", async () => {
    const response = await platform.request(path, {
      method: "DELETE",
      headers: bearer(alice.accessToken),
    });
    assert.equal(response.status, 204);
    await expectProblem(
      await platform.request(path, { headers: bearer(alice.accessToken) }),
      404,
      "WORKOUT_NOT_FOUND",
    );
  });
});
