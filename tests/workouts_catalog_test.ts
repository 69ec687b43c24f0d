/**
 * The Workouts section of the contract, part 1: the exercise catalog
 * (search, filters, keyset pagination, conditional requests), end to end
 * through the REST gateway on both store variants.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import {
  type ExerciseBody,
  exercises,
  exerciseSearch,
  type Page,
  searchWords,
  seededExercises as seeded,
} from "../workers/workouts/testing.ts";

/** Seeded exercises whose name has, for each word of `q`, a word starting with it. */
function expectedIds(q: string): string[] {
  const words = searchWords(q);
  return seeded.filter((exercise) => {
    const nameWords = searchWords(exercise.name);
    return words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
  }).map((exercise) => exercise.id).sort();
}

/** Every page of `path` (which has no cursor yet), in order. */
async function allPages(
  platform: TestPlatform,
  path: string,
  between?: (page: number) => Promise<void>,
): Promise<ExerciseBody[]> {
  const items: ExerciseBody[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const separator = path.includes("?") ? "&" : "?";
    const url: string = cursor ? `${path}${separator}cursor=${cursor}` : path;
    const body: Page<ExerciseBody> = await expectJson(await platform.request(url), 200);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (cursor === null) return items;
    await between?.(page);
  }
  throw new Error(`${path}: more than 200 pages`);
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const sorted = (values: string[]) => [...values].sort();

platformTest("[workouts] GET /v1/exercises: search and filters", async (t, open) => {
  const platform = await open();

  await t.step("lists the seeded catalog, 20 a page by default, publicly cacheable", async () => {
    const response = await platform.request("/v1/exercises");
    const body = await expectJson<Page<ExerciseBody>>(response, 200);
    assert.equal(response.headers.get("cache-control"), "public, max-age=300");
    assert.match(response.headers.get("etag") ?? "", /^"[A-Za-z0-9_-]+"$/);
    assert.equal(body.items.length, 20);
    assert.equal(typeof body.nextCursor, "string");
    const squat = seeded.find((exercise) => exercise.id === body.items[0].id)!;
    assert.deepEqual(body.items[0], squat, "every field of the seed, nothing more");
  });

  await t.step("q is case-insensitive and matches words inside names by prefix", async () => {
    for (const q of ["squat", "SQUAT", "Squ", "fro squ", "press", "row", "curl", "dumbbell"]) {
      const found = await allPages(platform, `/v1/exercises?q=${encodeURIComponent(q)}&limit=100`);
      assert.deepEqual(sorted(ids(found)), expectedIds(q), q);
      assert.ok(found.length > 0, q);
    }
    const squats = await allPages(platform, "/v1/exercises?q=squat&limit=100");
    assert.ok(squats.some((exercise) => exercise.name === "Front Squat"));
    assert.ok(squats.some((exercise) => exercise.name === "Barbell Back Squat"));
  });

  await t.step("q never reaches tsquery syntax: operators are separators", async () => {
    const hostile = [
      "squat & !front",
      "squat:*",
      "squat | bench",
      "(squat",
      "squat <-> front",
      "'squat'",
      "squat\\",
      "front's squat",
    ];
    for (const q of hostile) {
      const found = await allPages(platform, `/v1/exercises?q=${encodeURIComponent(q)}&limit=100`);
      assert.deepEqual(sorted(ids(found)), expectedIds(q), q);
    }
    for (const q of ["&|!:*()", "", "   ", "'", "<->", "!!"]) {
      const problem = await expectProblem(
        await platform.request(`/v1/exercises?q=${encodeURIComponent(q)}`),
        422,
        "VALIDATION_FAILED",
      );
      assert.deepEqual(problem.errors?.map((error) => error.pointer), ["q"], q);
    }
    const long = await expectProblem(
      await platform.request(`/v1/exercises?q=${"a".repeat(201)}`),
      422,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(long.errors?.map((error) => error.pointer), ["q"]);
  });

  await t.step("muscle (primary only), equipment and category filter, and combine", async () => {
    const cases: [string, (exercise: typeof seeded[number]) => boolean][] = [
      ["muscle=quadriceps", (e) => e.primaryMuscles.includes("quadriceps")],
      ["muscle=biceps", (e) => e.primaryMuscles.includes("biceps")],
      ["equipment=kettlebell", (e) => e.equipment === "kettlebell"],
      ["category=cardio", (e) => e.category === "cardio"],
      [
        "equipment=barbell&muscle=glutes&category=strength",
        (e) =>
          e.equipment === "barbell" && e.primaryMuscles.includes("glutes") &&
          e.category === "strength",
      ],
      ["q=squat&equipment=dumbbell", (e) => e.equipment === "dumbbell" && /squat/i.test(e.name)],
    ];
    for (const [query, matches] of cases) {
      const found = await allPages(platform, `/v1/exercises?${query}&limit=9`);
      const expected = seeded.filter(matches).map((exercise) => exercise.id).sort();
      assert.ok(expected.length > 0, query);
      assert.deepEqual(sorted(ids(found)), expected, query);
    }
  });

  await t.step("an unknown filter value is 422 pointing at the parameter", async () => {
    for (const name of ["muscle", "equipment", "category"]) {
      const problem = await expectProblem(
        await platform.request(`/v1/exercises?${name}=tentacles`),
        422,
        "VALIDATION_FAILED",
      );
      assert.deepEqual(problem.errors?.map((error) => error.pointer), [name]);
    }
  });

  await t.step("limit is 1–100 and cursors are opaque: anything else is 422", async () => {
    const foreign = btoa(JSON.stringify({ k: "se", t: "2026-01-01T00:00:00.000000Z", i: "x" }));
    const cases: [string, string][] = [
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=abc", "limit"],
      ["limit=-1", "limit"],
      ["limit=1.5", "limit"],
      ["limit=", "limit"],
      ["cursor=abc", "cursor"],
      ["cursor=!!!", "cursor"],
      [`cursor=${btoa('{"k":"ex","n":1,"i":"x"}')}`, "cursor"],
      [`cursor=${btoa('{"k":"ex","n":"a\\u0000","i":"x"}')}`, "cursor"],
      [`cursor=${foreign.replaceAll("=", "")}`, "cursor"],
    ];
    for (const [query, pointer] of cases) {
      const problem = await expectProblem(
        await platform.request(`/v1/exercises?${query}`),
        422,
        "VALIDATION_FAILED",
      );
      assert.deepEqual(problem.errors?.map((error) => error.pointer), [pointer], query);
    }
    const one = await expectJson<Page<ExerciseBody>>(
      await platform.request("/v1/exercises?limit=1"),
      200,
    );
    assert.equal(one.items.length, 1);
    const hundred = await expectJson<Page<ExerciseBody>>(
      await platform.request("/v1/exercises?limit=100"),
      200,
    );
    assert.equal(hundred.items.length, 100);
  });

  await t.step("GET /v1/exercises/:id answers one, or 404 EXERCISE_NOT_FOUND", async () => {
    const response = await platform.request("/v1/exercises/barbell-front-squat");
    const body = await expectJson<ExerciseBody>(response, 200);
    assert.equal(response.headers.get("cache-control"), "public, max-age=300");
    assert.deepEqual(body, seeded.find((exercise) => exercise.id === "barbell-front-squat"));
    for (const id of ["no-such-exercise", "a".repeat(300), "%27%3B--"]) {
      await expectProblem(
        await platform.request(`/v1/exercises/${id}`),
        404,
        "EXERCISE_NOT_FOUND",
      );
    }
    // A NUL never reaches the worker: the edge refuses the path (shared/http/safe_path.ts).
    await expectProblem(await platform.request("/v1/exercises/%00"), 400, "BAD_REQUEST");
  });
});

platformTest("[workouts] GET /v1/exercises: pagination", async (t, open) => {
  const platform = await open();
  const { db } = platform.stores.postgres;

  await t.step("walks every exercise exactly once, in (name, id) order", async () => {
    for (const limit of [1, 7, 20, 100]) {
      const items = await allPages(platform, `/v1/exercises?limit=${limit}`);
      assert.equal(items.length, seeded.length, `limit ${limit}`);
      assert.deepEqual(sorted(ids(items)), sorted(ids(seeded)), `limit ${limit}`);
    }
    // The order is the database's collation of (name, id): ask it, not JavaScript.
    const { rows } = await db.execute<{ id: string }>(
      sql`select id from workouts.exercises order by name, id`,
    );
    assert.deepEqual(ids(await allPages(platform, "/v1/exercises?limit=13")), ids(rows));
  });

  await t.step("rows inserted between pages cause no duplicates and no gaps", async () => {
    const added = ["Aaa Inserted Early", "Mmm Inserted Middle", "Zzz Inserted Late"];
    try {
      const items = await allPages(platform, "/v1/exercises?limit=10", async (page) => {
        if (page > added.length - 1) return;
        await db.insert(exercises).values({
          id: `inserted-${page}`,
          name: added[page],
          category: "strength",
          primaryMuscles: ["chest"],
          equipment: "other",
          instructions: "Inserted by a test between two page fetches.",
        });
      });
      const listed = ids(items);
      assert.equal(new Set(listed).size, listed.length, "no duplicates");
      for (const exercise of seeded) assert.ok(listed.includes(exercise.id), exercise.id);
      // Behind the cursor when inserted: not listed; ahead of it: listed.
      assert.ok(!listed.includes("inserted-0"));
      assert.ok(listed.includes("inserted-2"));
    } finally {
      await db.delete(exercises).where(sql`${exercises.id} like 'inserted-%'`);
    }
  });

  await t.step("EXPLAIN: q uses the GIN index, a page the (name, id) index", async () => {
    const plan = async (filter: Parameters<typeof exerciseSearch>[1], cursor?: boolean) =>
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const query = exerciseSearch(tx, filter, {
          take: 21,
          after: cursor ? { name: "Lunge", id: "x" } : undefined,
        });
        const { rows } = await tx.execute<Record<string, string>>(sql`explain ${query}`);
        return rows.map((row) => Object.values(row)[0]).join("\n");
      });
    assert.match(await plan({ words: ["squ"] }), /exercises_search_idx/);
    assert.match(await plan({ words: ["front", "squ"] }), /exercises_search_idx/);
    assert.match(await plan({}), /Index Scan using exercises_name_id_idx/);
    assert.match(await plan({}, true), /Index Cond: \(ROW\(name, id\) > ROW\(/);
    assert.match(await plan({ equipment: "barbell" }, true), /Index (Only )?Scan/);
    assert.match(await plan({ muscle: "glutes" }), /exercises_(primary_muscles|name_id)_idx/);
  });
});

platformTest("[workouts] GET /v1/exercises: ETag and 304", async (t, open) => {
  const platform = await open();

  for (const path of ["/v1/exercises?q=squat", "/v1/exercises/barbell-back-squat"]) {
    await t.step(`${path}: If-None-Match with its ETag is 304`, async () => {
      const first = await platform.request(path);
      const text = await first.text();
      assert.equal(first.status, 200);
      const etag = first.headers.get("etag")!;
      const again = await platform.request(path);
      assert.equal(again.headers.get("etag"), etag, "the same body, the same tag");
      assert.equal(await again.text(), text);

      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
        const response = await platform.request(path, { headers: { "if-none-match": header } });
        assert.equal(response.status, 304, header);
        assert.equal(await response.text(), "");
        assert.equal(response.headers.get("etag"), etag);
        assert.equal(response.headers.get("cache-control"), "public, max-age=300");
      }
      const stale = await platform.request(path, { headers: { "if-none-match": '"stale"' } });
      assert.equal(stale.status, 200);
      assert.equal(await stale.text(), text);
    });
  }

  await t.step("another answer has another tag", async () => {
    const a = await platform.request("/v1/exercises?q=squat");
    const b = await platform.request("/v1/exercises?q=squat&limit=2");
    await Promise.all([a.body?.cancel(), b.body?.cancel()]);
    assert.notEqual(a.headers.get("etag"), b.headers.get("etag"));
  });
});
