import assert from "node:assert/strict";
import { Lru } from "./lru.ts";

Deno.test("[graphql] the LRU keeps to its entries and its weight", async (t) => {
  await t.step("evicts the least recently used past maxEntries", () => {
    const lru = new Lru<string, number>({ maxEntries: 2, maxWeight: 100 });
    lru.set("a", 1, 1);
    lru.set("b", 2, 1);
    assert.equal(lru.get("a"), 1); // a is now the most recent
    lru.set("c", 3, 1);
    assert.equal(lru.get("b"), undefined);
    assert.equal(lru.get("a"), 1);
    assert.equal(lru.get("c"), 3);
  });

  await t.step("keeps what it was just given, even when everything else was used", () => {
    const lru = new Lru<string, number>({ maxEntries: 1, maxWeight: 100 });
    lru.set("a", 1, 1);
    assert.equal(lru.get("a"), 1);
    lru.set("b", 2, 1);
    assert.equal(lru.get("b"), 2);
    assert.equal(lru.get("a"), undefined);
    assert.deepEqual(lru.size, { entries: 1, weight: 1 });
  });

  await t.step("evicts past maxWeight, and never keeps an entry heavier than it", () => {
    const lru = new Lru<string, string>({ maxEntries: 10, maxWeight: 10 });
    lru.set("a", "a", 6);
    lru.set("b", "b", 6);
    assert.deepEqual(lru.size, { entries: 1, weight: 6 });
    assert.equal(lru.get("a"), undefined);
    lru.set("huge", "x", 11);
    assert.equal(lru.get("huge"), undefined);
    assert.deepEqual(lru.size, { entries: 1, weight: 6 });
  });

  await t.step("replacing a key replaces its weight", () => {
    const lru = new Lru<string, string>({ maxEntries: 10, maxWeight: 10 });
    lru.set("a", "a", 4);
    lru.set("a", "b", 7);
    assert.deepEqual(lru.size, { entries: 1, weight: 7 });
    assert.equal(lru.get("a"), "b");
  });
});
