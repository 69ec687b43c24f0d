import assert from "node:assert/strict";
import { parse } from "graphql";
import { queryCost } from "./query_cost.ts";
import { buildGatewaySchema } from "./schema.ts";

const schema = buildGatewaySchema();

function cost(query: string, variables?: Record<string, unknown>): number {
  return queryCost({ schema, document: parse(query), variables });
}

Deno.test("[graphql] query cost", async (t) => {
  // `exercises` 1 + `items` (1 + `id` 1) per row.
  const page = (rows: number) => 1 + 2 * rows;

  await t.step("a page costs its selection times its rows (20 when no limit is given)", () => {
    assert.equal(cost("{ exercises { items { id } } }"), page(20));
    assert.equal(cost("{ exercises(limit: 7) { items { id } } }"), page(7));
  });

  await t.step("a $limit is priced at the value it is given", () => {
    const query = "query ($l: Int) { exercises(limit: $l) { items { id } } }";
    assert.equal(cost(query, { l: 100 }), page(100));
    assert.equal(cost(query, { l: 3 }), page(3));
    assert.equal(cost(query, {}), page(20));
    assert.equal(
      cost("query ($l: Int = 50) { exercises(limit: $l) { items { id } } }", {}),
      page(50),
    );
  });

  await t.step("limits outside 1–100 are priced as the nearest served size", () => {
    const query = "query ($l: Int) { exercises(limit: $l) { items { id } } }";
    assert.equal(cost(query, { l: -100_000 }), page(1));
    assert.equal(cost(query, { l: 0 }), page(1));
    assert.equal(cost(query, { l: 2_000_000 }), page(100));
    assert.equal(cost("{ exercises(limit: -5) { items { id } } }"), page(1));
  });

  await t.step("every page field is priced, through aliases and fragments", () => {
    assert.equal(
      cost(
        `query ($l: Int) { a: workouts(limit: $l) { ...W } b: sessions(limit: 2) { items { id } } }
        fragment W on WorkoutPage { items { id name } nextCursor }`,
        { l: 10 },
      ),
      // The whole selection is multiplied (nextCursor too, a small overestimate).
      (1 + 10 * ((1 + 2) + 1)) + page(2),
    );
  });

  await t.step("the member's payments and the admins' dead letters are pages too", () => {
    assert.equal(cost("{ payments(limit: 30) { items { id } } }"), page(30));
    assert.equal(cost("{ payments { items { id } } }"), page(20));
    const letters = "query ($l: Int) { deadLetters(limit: $l) { items { id } } }";
    assert.equal(cost(letters, { l: 100 }), page(100));
    assert.equal(cost(letters, { l: -1 }), page(1));
  });

  await t.step("plain fields cost one each", () => {
    assert.equal(cost("{ health { status workers { name } } }"), 1 + 1 + 1 + 1);
    assert.equal(cost("{ plans { items { id } } }"), 3);
  });
});
