/**
 * What the GraphQL gateway saves: nested exercises read in one batch per
 * request (DataLoader), automatic persisted queries over GET with
 * Cache-Control, public answers kept for a few seconds (never errors), and
 * each distinct query checked once while the checks that depend on
 * variables still run every time.
 */
import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface GraphqlResult<T> {
  data?: T | null;
  errors?: { message: string; extensions: { code: string; status: number } }[];
}

function post(platform: TestPlatform, body: Record<string, unknown>, token?: string) {
  return platform.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? bearer(token) : {}) },
    body: JSON.stringify(body),
  });
}

function getPersisted(platform: TestPlatform, hash: string, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
    ...extra,
  });
  return platform.request(`/graphql?${params}`);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Counts the calls the workouts worker receives, by path, while `run` runs. */
async function countingWorkoutsCalls(platform: TestPlatform, run: () => Promise<void>) {
  const workouts = platform.workers.workouts;
  const calls: URL[] = [];
  platform.workers.workouts = {
    fetch(request) {
      calls.push(new URL(request.url));
      return workouts.fetch(request);
    },
  };
  try {
    await run();
  } finally {
    platform.workers.workouts = workouts;
  }
  return calls;
}

platformTest("[graphql] batching and caching", async (t, open) => {
  // A low cost limit, so the same document is within it or over it by its variables alone.
  const platform = await open({ graphqlLimits: { maxDepth: 10, maxCost: 150 } });
  const ada = await signUp(platform);

  await t.step("a plan list's exercises are read in one batched call", async () => {
    type Plans = {
      workouts: {
        items: { exercises: { exerciseId: string; exercise: { id: string; name: string } }[] }[];
      };
    };
    let result: GraphqlResult<Plans> = {};
    const calls = await countingWorkoutsCalls(platform, async () => {
      result = await expectJson<GraphqlResult<Plans>>(
        await post(platform, {
          query:
            `{ workouts(limit: 10) { items { exercises { exerciseId exercise { id name } } } } }`,
        }, ada.accessToken),
        200,
      );
    });
    assert.equal(result.errors, undefined);
    const entries = result.data!.workouts.items.flatMap((plan) => plan.exercises);
    assert.ok(entries.length > 10, "the templates name many exercises");
    for (const entry of entries) assert.equal(entry.exercise.id, entry.exerciseId);
    const paths = calls.map((url) => url.pathname);
    assert.deepEqual(paths, ["/v1/workouts", "/v1/exercises"], "one list, one batch");
    const ids = calls[1].searchParams.get("ids")!.split(",");
    assert.equal(ids.length, new Set(entries.map((entry) => entry.exerciseId)).size);
  });

  await t.step("a session's entries name their exercises, in one call", async () => {
    type Logged = { logSession: { id: string } };
    const logged = await expectJson<GraphqlResult<Logged>>(
      await post(platform, {
        query: `mutation ($input: LogSessionInput!) { logSession(input: $input) { id } }`,
        variables: {
          input: {
            startedAt: "2026-11-27T07:00:00Z",
            entries: ["barbell-back-squat", "barbell-bench-press", "barbell-back-squat"]
              .map((exerciseId) => ({ exerciseId, sets: [{ reps: 5, weightKg: 60 }] })),
          },
        },
      }, ada.accessToken),
      200,
    );
    assert.equal(logged.errors, undefined);
    type Read = { session: { entries: { exercise: { id: string; name: string } }[] } };
    let read: GraphqlResult<Read> = {};
    const calls = await countingWorkoutsCalls(platform, async () => {
      read = await expectJson<GraphqlResult<Read>>(
        await post(platform, {
          query: `query ($id: ID!) { session(id: $id) { entries { exercise { id name } } } }`,
          variables: { id: logged.data!.logSession.id },
        }, ada.accessToken),
        200,
      );
    });
    assert.deepEqual(
      read.data!.session.entries.map((entry) => entry.exercise.id),
      ["barbell-back-squat", "barbell-bench-press", "barbell-back-squat"],
    );
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[1].searchParams.get("ids")!.split(",").sort(), [
      "barbell-back-squat",
      "barbell-bench-press",
    ]);
  });

  await t.step("the batch read behind the loader: GET /v1/exercises?ids=", async () => {
    type Page = { items: { id: string }[] };
    const page = await expectJson<Page>(
      await platform.request("/v1/exercises?ids=barbell-bench-press,nope,barbell-back-squat"),
      200,
    );
    assert.deepEqual(page.items.map((item) => item.id).sort(), [
      "barbell-back-squat",
      "barbell-bench-press",
    ]);
    const tooMany = Array.from({ length: 101 }, (_, i) => `e${i}`).join(",");
    for (const ids of [tooMany, "a,b c", ""]) {
      const response = await platform.request(`/v1/exercises?ids=${encodeURIComponent(ids)}`);
      await expectProblem(response, 422, "VALIDATION_FAILED");
    }
  });

  const catalogQuery = `query Catalog { exercises(limit: 2) { items { id name } } }`;
  const catalogHash = await sha256Hex(catalogQuery);

  await t.step("an unknown hash is PersistedQueryNotFound, never cached", async () => {
    const response = await getPersisted(platform, catalogHash);
    assert.equal(response.headers.get("cache-control"), "private, no-store");
    const body = await expectJson<GraphqlResult<unknown>>(response, 404);
    assert.equal(body.errors?.[0].message, "PersistedQueryNotFound");
    assert.equal(body.errors?.[0].extensions.code, "PERSISTED_QUERY_NOT_FOUND");
  });

  await t.step("a hash that is not the query's is refused and registers nothing", async () => {
    const wrong = await sha256Hex("{ __typename }");
    const body = await expectJson<GraphqlResult<unknown>>(
      await post(platform, {
        query: catalogQuery,
        extensions: { persistedQuery: { version: 1, sha256Hash: wrong } },
      }),
      400,
    );
    assert.equal(body.errors?.[0].extensions.code, "PERSISTED_QUERY_HASH_MISMATCH");
    assert.equal(body.data, undefined, "nothing ran");
    await expectJson(await getPersisted(platform, wrong), 404);
  });

  await t.step("an unsupported version or a malformed hash is a coded 400", async () => {
    for (const persistedQuery of [{ version: 2, sha256Hash: catalogHash }, { version: 1 }]) {
      const body = await expectJson<GraphqlResult<unknown>>(
        await post(platform, { extensions: { persistedQuery } }),
        400,
      );
      assert.equal(body.errors?.[0].extensions.code, "PERSISTED_QUERY_NOT_SUPPORTED");
    }
  });

  await t.step("a registered public query runs by hash over GET, cacheable", async () => {
    type Catalog = { exercises: { items: { id: string }[] } };
    const registered = await expectJson<GraphqlResult<Catalog>>(
      await post(platform, {
        query: catalogQuery,
        extensions: { persistedQuery: { version: 1, sha256Hash: catalogHash } },
      }),
      200,
    );
    assert.equal(registered.data!.exercises.items.length, 2);
    // Kept in the gateway's key-value store, where every isolate finds it.
    const kv = platform.stores.kvFor("gateway-graphql");
    assert.equal(await kv.get(`apq:${catalogHash}`), catalogQuery);

    const response = await getPersisted(platform, catalogHash, { operationName: "Catalog" });
    assert.equal(response.headers.get("cache-control"), "public, max-age=60");
    const byHash = await expectJson<GraphqlResult<Catalog>>(response, 200);
    assert.deepEqual(byHash.data, registered.data);
  });

  await t.step("a public answer is kept for a few seconds; an error never is", async () => {
    const query = `query ($id: ID!) { exercise(id: $id) { id name } }`;
    type One = { exercise: { id: string } | null };
    const answers: GraphqlResult<One>[] = [];
    const calls = await countingWorkoutsCalls(platform, async () => {
      for (const id of ["barbell-back-squat", "barbell-back-squat", "nope", "nope"]) {
        const token = answers.length % 2 ? ada.accessToken : undefined;
        answers.push(
          await expectJson(await post(platform, { query, variables: { id } }, token), 200),
        );
      }
    });
    assert.equal(answers[0].data?.exercise?.id, "barbell-back-squat");
    assert.deepEqual(answers[1], answers[0], "the same answer, signed in or not");
    for (const missing of answers.slice(2)) {
      assert.equal(missing.errors?.[0].extensions.code, "EXERCISE_NOT_FOUND");
    }
    const paths = calls.map((url) => url.pathname);
    assert.deepEqual(paths, [
      "/v1/exercises/barbell-back-squat",
      "/v1/exercises/nope",
      "/v1/exercises/nope",
    ], "the second read was kept, the errors were not");
  });

  await t.step("a member's data over GET is private, no-store", async () => {
    const query = `{ me { id } }`;
    const hash = await sha256Hex(query);
    await expectJson(
      await post(platform, {
        query,
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      }, ada.accessToken),
      200,
    );
    const params = new URLSearchParams({
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
    });
    const response = await platform.request(`/graphql?${params}`, {
      headers: bearer(ada.accessToken),
    });
    assert.equal(response.headers.get("cache-control"), "private, no-store");
    const body = await expectJson<GraphqlResult<{ me: { id: string } }>>(response, 200);
    assert.ok(body.data?.me.id);
  });

  await t.step("a persisted mutation is never run over GET", async () => {
    const mutation = `mutation { markNotificationRead(input: { id: "x" }) }`;
    const hash = await sha256Hex(mutation);
    // Registration needs a valid document; running it as this user is a coded error, not a crash.
    await post(platform, {
      query: mutation,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    }, ada.accessToken);
    const response = await getPersisted(platform, hash);
    assert.equal(response.headers.get("allow"), "POST");
    const body = await expectJson<GraphqlResult<unknown>>(response, 405);
    assert.equal(body.errors?.[0].extensions.code, "METHOD_NOT_ALLOWED");
  });

  await t.step("a cached document still checks each request's variables and cost", async () => {
    const query = `query ($n: Int) { exercises(limit: $n) { items { id name } } }`;
    const cases = [[2, 200, undefined], [100, 400, "QUERY_TOO_COSTLY"], [3, 200, undefined]];
    for (const [n, status, code] of cases as [number, number, string | undefined][]) {
      const body = await expectJson<GraphqlResult<unknown>>(
        await post(platform, { query, variables: { n } }),
        status,
      );
      assert.equal(body.errors?.[0].extensions.code, code);
    }
    const wrongType = await expectJson<GraphqlResult<unknown>>(
      await post(platform, { query, variables: { n: "many" } }),
      400,
    );
    assert.equal(wrongType.errors?.[0].extensions.code, "GRAPHQL_VARIABLES_INVALID");
  });
});
