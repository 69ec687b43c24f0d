import assert from "node:assert/strict";
import { publicAnswers } from "./public_answers.ts";

const catalog = { query: "query Catalog { exercises(limit: $n) { items { id } } }" };

/** An execution that answers `text` and counts its runs. */
function counted(text: string | undefined) {
  const runs = { count: 0 };
  const execute = () => {
    runs.count++;
    return Promise.resolve(text);
  };
  return { runs, execute };
}

Deno.test("[graphql] public answers are kept for a few seconds", async (t) => {
  await t.step("one execution per window; the next window executes again", async () => {
    let now = 0;
    const answers = publicAnswers({ ttlMs: 5_000, now: () => now });
    const { runs, execute } = counted('{"data":{}}');
    assert.equal(await answers.answer(catalog, execute), '{"data":{}}');
    now = 4_999;
    assert.equal(await answers.answer(catalog, execute), '{"data":{}}');
    assert.equal(runs.count, 1, "served from the cache within the window");
    now = 10_000;
    await answers.answer(catalog, execute);
    assert.equal(runs.count, 2, "read again after the window");
  });

  await t.step("variables and operation are part of the key", async () => {
    const answers = publicAnswers();
    const { runs, execute } = counted('{"data":{}}');
    await answers.answer({ ...catalog, variables: { n: 2 } }, execute);
    await answers.answer({ ...catalog, variables: { n: 3 } }, execute);
    await answers.answer({ ...catalog, variables: { n: 3 }, operationName: "Catalog" }, execute);
    await answers.answer({ ...catalog, variables: { n: 3 } }, execute);
    assert.equal(runs.count, 3);
  });

  await t.step("concurrent misses share one execution", async () => {
    const answers = publicAnswers();
    let finish: (text: string) => void = () => {};
    let runs = 0;
    const execute = () => {
      runs++;
      return new Promise<string>((resolve) => finish = resolve);
    };
    const waiting = Array.from({ length: 5 }, () => answers.answer(catalog, execute));
    finish('{"data":{"x":1}}');
    assert.deepEqual(await Promise.all(waiting), Array(5).fill('{"data":{"x":1}}'));
    assert.equal(runs, 1);
  });

  await t.step("an answer with errors (or a failed run) is not kept", async () => {
    const answers = publicAnswers();
    const failing = counted(undefined);
    assert.equal(await answers.answer(catalog, failing.execute), undefined);
    assert.equal(await answers.answer(catalog, failing.execute), undefined);
    assert.equal(failing.runs.count, 2, "each request met its own error");
    const throwing = () => Promise.reject(new Error("worker down"));
    assert.equal(await answers.answer({ query: "{ __typename }" }, throwing), undefined);
    const { runs, execute } = counted('{"data":{"__typename":"Query"}}');
    await answers.answer({ query: "{ __typename }" }, execute);
    assert.equal(runs.count, 1, "the failure was not kept either");
  });

  await t.step("the cache keeps to its bounds", async () => {
    const answers = publicAnswers({ bounds: { maxEntries: 1, maxWeight: 10_000 } });
    const { runs, execute } = counted('{"data":{}}');
    await answers.answer({ query: "{ a: __typename }" }, execute);
    await answers.answer({ query: "{ b: __typename }" }, execute);
    await answers.answer({ query: "{ a: __typename }" }, execute);
    assert.equal(runs.count, 3, "evicted, so executed again");
  });
});
