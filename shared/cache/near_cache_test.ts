import assert from "node:assert/strict";
import { NearCache } from "./near_cache.ts";

/** A store read that answers `value` when `release` is called. */
function slowRead<V>(value: V) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => release = resolve);
  return { load: async () => (await gate, value), release };
}

Deno.test("[shared] near cache", async (t) => {
  await t.step("concurrent misses share one read; a local write is not joined to it", async () => {
    const cache = new NearCache<string>({ maxAgeMs: 1000, maxEntries: 10, now: () => 0 });
    const old = slowRead("old");
    const first = cache.read("k", old.load);
    const joined = cache.read("k", () => Promise.reject(new Error("not asked: joins the first")));
    cache.delete("k"); // this process changed k: what the read under way finds may be older
    const after = cache.read("k", () => Promise.resolve("new"));
    old.release();
    assert.deepEqual(await Promise.all([first, joined, after]), ["old", "old", "new"]);
    assert.equal(await cache.read("k", () => Promise.resolve("unasked")), "new");
  });

  await t.step(
    "a key read with others is answered from memory only when all are fresh",
    async () => {
      const clock = { now: 0 };
      const cache = new NearCache<number>({ maxAgeMs: 1000, maxEntries: 10, now: () => clock.now });
      const reads: string[][] = [];
      const load = (keys: string[]) => (reads.push(keys), Promise.resolve(keys.map(() => 1)));
      await cache.readMany(["a", "b"], load);
      clock.now = 500;
      cache.set("b", 2);
      clock.now = 1000;
      assert.deepEqual(await cache.readMany(["b"], load), [2]);
      assert.deepEqual(await cache.readMany(["a", "b"], load), [1, 1]);
      assert.deepEqual(reads, [["a", "b"], ["a", "b"]]);
    },
  );

  await t.step(
    "a read under way for the bound is not joined, nor does it replace a newer one",
    async () => {
      const clock = { now: 0 };
      const cache = new NearCache<string>({ maxAgeMs: 1000, maxEntries: 10, now: () => clock.now });
      const old = slowRead("old");
      const first = cache.read("k", old.load);
      clock.now = 999;
      const joined = cache.read("k", () => Promise.reject(new Error("not asked: joins the first")));
      clock.now = 1000;
      const late = cache.read("k", () => Promise.resolve("new"));
      assert.equal(await late, "new");
      old.release();
      assert.deepEqual(await Promise.all([first, joined]), ["old", "old"]);
      assert.equal(await cache.read("k", () => Promise.resolve("unasked")), "new");
    },
  );

  await t.step("keeps at most maxEntries keys; a failed read keeps nothing", async () => {
    const cache = new NearCache<number>({ maxAgeMs: 1000, maxEntries: 2, now: () => 0 });
    let reads = 0;
    const load = () => Promise.resolve(++reads);
    for (const key of ["a", "b", "c"]) await cache.read(key, load);
    assert.equal(await cache.read("a", load), 4, "a was evicted");
    await assert.rejects(cache.read("d", () => Promise.reject(new Error("store down"))));
    assert.equal(await cache.read("d", load), 5);
  });
});
