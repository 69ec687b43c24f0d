import assert from "node:assert/strict";
import * as v from "valibot";
import { cursorParam, decodeCursor, encodeCursor, limitParam, pageBody } from "./paging.ts";
import { Problem } from "./problem.ts";
import { validateOrThrow } from "./validation.ts";

const query = v.object({
  limit: limitParam,
  cursor: cursorParam(v.pipe(
    v.strictObject({ k: v.literal("ex"), n: v.string(), i: v.string() }),
    v.transform((c) => ({ name: c.n, id: c.i })),
  )),
});

/** The problem `input` is refused with. */
function refusal(input: Record<string, string>): Problem {
  try {
    validateOrThrow(query, input, "query");
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error("Cannot refuse: the query was accepted");
}

Deno.test("[shared] paging", async (t) => {
  await t.step("a cursor round-trips, opaque and URL-safe", () => {
    const cursor = encodeCursor({ k: "ex", n: "Front Squat ü/+", i: "front-squat" });
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor), { k: "ex", n: "Front Squat ü/+", i: "front-squat" });
    const parsed = validateOrThrow(query, { cursor }, "query");
    assert.deepEqual(parsed, { limit: 20, cursor: { name: "Front Squat ü/+", id: "front-squat" } });
  });

  await t.step("a tampered, foreign or oversized cursor is a 422 on cursor", () => {
    const good = encodeCursor({ k: "ex", n: "Lunge", i: "lunge" });
    const foreign = encodeCursor({ k: "se", t: "x", i: "y" });
    const extra = encodeCursor({ k: "ex", n: "Lunge", i: "lunge", x: 1 });
    for (
      const cursor of [
        "not a cursor",
        good.slice(0, -3),
        `${good}*`,
        foreign,
        extra,
        btoa("\u00ff\u00fe"),
        "A".repeat(2000),
      ]
    ) {
      const problem = refusal({ cursor });
      assert.equal(problem.status, 422, cursor);
      assert.deepEqual(problem.errors?.map((error) => error.pointer), ["cursor"]);
    }
  });

  await t.step("limit is 1–100, default 20", () => {
    assert.equal(validateOrThrow(query, { limit: "100" }, "query").limit, 100);
    for (const limit of ["0", "101", "-1", "1.5", "abc", ""]) {
      assert.deepEqual(refusal({ limit }).errors?.map((error) => error.pointer), ["limit"]);
    }
  });

  await t.step("a page answers its items and the next cursor, null on the last", () => {
    const cursor = (id: number) => ({ k: "n", i: id });
    const more = pageBody({ items: [1, 2], next: 2 }, (n) => n * 10, cursor);
    assert.deepEqual(more.items, [10, 20]);
    assert.deepEqual(decodeCursor(more.nextCursor!), { k: "n", i: 2 });
    assert.equal(pageBody({ items: [3], next: undefined }, String, cursor).nextCursor, null);
  });
});
