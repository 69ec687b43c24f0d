import assert from "node:assert/strict";
import { localCounter } from "./local_counter.ts";

Deno.test("[graphql] the process-local rate counter", async (t) => {
  let now = 1_000;
  const counter = localCounter(() => now, 3);

  await t.step("counts within a window that the first hit opens", async () => {
    assert.deepEqual(await counter.increment("a", { ttlMs: 60_000 }), {
      value: 1,
      expiresInMs: 60_000,
    });
    now += 10_000;
    assert.deepEqual(await counter.increment("a", { ttlMs: 60_000 }), {
      value: 2,
      expiresInMs: 50_000,
    });
  });

  await t.step("starts again once the window is over", async () => {
    now += 50_000;
    assert.equal((await counter.increment("a", { ttlMs: 60_000 })).value, 1);
  });

  await t.step("holds at most maxKeys windows, dropping the oldest", async () => {
    for (const key of ["b", "c", "d"]) await counter.increment(key, { ttlMs: 60_000 });
    // "a" was the oldest of four: it starts again.
    assert.equal((await counter.increment("a", { ttlMs: 60_000 })).value, 1);
    assert.equal((await counter.increment("d", { ttlMs: 60_000 })).value, 2);
  });
});
