import assert from "node:assert/strict";
import { type KeyValueStore, maxFieldsPerIncrement } from "./port.ts";

/** Opens a store whose keys are namespaced by `prefix`. */
export type OpenKeyValueStore = (prefix: string) => Promise<KeyValueStore>;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The behaviour every KeyValueStore adapter must show, run once per adapter
 * (Deno KV always, Upstash when a server is configured). Each step gets a fresh
 * random prefix, so runs against a shared server do not see each other.
 */
export async function keyValueContract(
  t: Deno.TestContext,
  open: OpenKeyValueStore,
): Promise<void> {
  async function step(name: string, fn: (store: KeyValueStore) => Promise<void>) {
    await t.step(name, async () => {
      const store = await open(`contract-${crypto.randomUUID()}`);
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    });
  }

  await step("round-trips objects, arrays, numbers and strings", async (store) => {
    const values: unknown[] = [
      { name: "Ada", tags: ["a", "b"], nested: { ok: true, none: null, n: -1.5 } },
      [1, "two", { three: 3 }, null],
      42,
      0,
      -1.5,
      "hello",
      // Strings that look like JSON must stay strings (a real @upstash/redis pitfall).
      "123",
      "true",
      '{"a":1}',
      "",
      "héllo ✓ 🏋️",
      true,
      false,
    ];
    for (const [i, value] of values.entries()) {
      await store.set(`value-${i}`, value);
      assert.deepEqual(await store.get(`value-${i}`), value, `value ${i}`);
    }
    await store.set("value-0", { replaced: true });
    assert.deepEqual(await store.get("value-0"), { replaced: true });
    for (const i of values.keys()) {
      await store.delete(`value-${i}`);
      assert.equal(await store.get(`value-${i}`), null);
    }
    await store.delete("never-set");
  });

  await step("returns null for a missing key", async (store) => {
    assert.equal(await store.get("missing"), null);
  });

  await step("getMany reads keys in order: null where absent or expired", async (store) => {
    // More keys than one Deno KV getMany takes (10), so batching is covered too.
    const keys = Array.from({ length: 13 }, (_, i) => `many-${i}`);
    for (const [i, key] of keys.entries()) {
      if (i % 3 !== 0) await store.set(key, i % 2 === 0 ? { n: i } : String(i));
    }
    await store.set("many-short", "soon gone", { ttlMs: 100 });
    await store.increment("many-counter", { ttlMs: 60_000, by: 7 });
    await sleep(200);
    const values = await store.getMany([...keys, "many-short", "many-counter", keys[1]]);
    assert.deepEqual(values, [
      ...keys.map((_, i) => i % 3 === 0 ? null : i % 2 === 0 ? { n: i } : String(i)),
      null,
      7,
      "1",
    ]);
    assert.deepEqual(await store.getMany([]), []);
    for (const key of [...keys, "many-counter"]) await store.delete(key);
  });

  await step("expires a value after its ttl", async (store) => {
    await store.set("short", { a: 1 }, { ttlMs: 150 });
    await store.set("forever", "kept");
    assert.deepEqual(await store.get("short"), { a: 1 });
    await sleep(300);
    assert.equal(await store.get("short"), null);
    assert.equal(await store.get("forever"), "kept");
    await store.delete("forever");
  });

  await step("rejects a ttl that is not positive", async (store) => {
    await assert.rejects(store.set("k", 1, { ttlMs: 0 }), RangeError);
    await assert.rejects(store.setIfAbsent("k", 1, { ttlMs: -5 }), RangeError);
    await assert.rejects(store.increment("k", { ttlMs: Number.NaN }), RangeError);
  });

  await step("setIfAbsent stores once, and again after expiry", async (store) => {
    assert.equal(await store.setIfAbsent("once", "first", { ttlMs: 150 }), true);
    assert.equal(await store.setIfAbsent("once", "second", { ttlMs: 150 }), false);
    assert.equal(await store.get("once"), "first");
    await sleep(300);
    assert.equal(await store.setIfAbsent("once", "third", { ttlMs: 60_000 }), true);
    assert.equal(await store.get("once"), "third");
    await store.delete("once");
    assert.equal(await store.setIfAbsent("once", "fourth"), true);
    await store.delete("once");
  });

  await step("50 concurrent setIfAbsent: exactly one stores", async (store) => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.setIfAbsent("race", i, { ttlMs: 60_000 })),
    );
    const winners = results.flatMap((stored, i) => stored ? [i] : []);
    assert.equal(winners.length, 1);
    assert.equal(await store.get("race"), winners[0]);
    await store.delete("race");
  });

  await step("100 concurrent increments: distinct values up to 100", async (store) => {
    const results = await Promise.all(
      Array.from({ length: 100 }, () => store.increment("hits", { ttlMs: 60_000 })),
    );
    const values = results.map((r) => r.value).sort((a, b) => a - b);
    assert.deepEqual(values, Array.from({ length: 100 }, (_, i) => i + 1));
    assert.equal(await store.get("hits"), 100);
    await store.delete("hits");
  });

  await step("increment keeps the first window's expiry and restarts after it", async (store) => {
    const first = await store.increment("window", { ttlMs: 500 });
    assert.equal(first.value, 1);
    assert.ok(first.expiresInMs > 400 && first.expiresInMs <= 500, `${first.expiresInMs}`);
    await sleep(200);
    const second = await store.increment("window", { ttlMs: 500, by: 5 });
    assert.equal(second.value, 6);
    // Had the second increment reset the window, about 500 ms would remain.
    assert.ok(second.expiresInMs <= first.expiresInMs - 150, `${second.expiresInMs}`);
    await sleep(second.expiresInMs + 100);
    const third = await store.increment("window", { ttlMs: 500 });
    assert.equal(third.value, 1);
    assert.ok(third.expiresInMs > 400, `${third.expiresInMs}`);
  });

  await step("incrementFields adds to each field; getFields and deleteFields", async (store) => {
    assert.deepEqual(await store.getFields("totals"), {});
    const field = 'http_requests_total{route="/v1/x",status="200"}';
    assert.equal(await store.incrementFields("totals", { [field]: 3, sum: 0.25, zero: 0 }), true);
    assert.equal(await store.incrementFields("totals", { [field]: 4, sum: 0.5 }), true);
    assert.deepEqual(await store.getFields("totals"), { [field]: 7, sum: 0.75, zero: 0 });
    await store.deleteFields("totals", ["zero", "never-there"]);
    assert.deepEqual(await store.getFields("totals"), { [field]: 7, sum: 0.75 });
    await store.deleteFields("totals", [field, "sum"]);
    assert.deepEqual(await store.getFields("totals"), {});
  });

  await step("incrementFields with once adds once per key, again after its ttl", async (store) => {
    const once = { key: "report-1", ttlMs: 200 };
    assert.equal(await store.incrementFields("once-totals", { a: 1 }, { once }), true);
    assert.equal(await store.incrementFields("once-totals", { a: 1, b: 5 }, { once }), false);
    assert.deepEqual(await store.getFields("once-totals"), { a: 1 });
    await sleep(400);
    assert.equal(await store.incrementFields("once-totals", { a: 1 }, { once }), true);
    assert.deepEqual(await store.getFields("once-totals"), { a: 2 });
    await store.deleteFields("once-totals", ["a"]);
  });

  await step(
    "30 concurrent incrementFields: exact sums, each once key applied once",
    async (store) => {
      const results = await Promise.all(
        Array.from(
          { length: 30 },
          (_, i) =>
            store.incrementFields("race-totals", { a: 1, b: 2, [`own-${i % 3}`]: 1 }, {
              once: { key: `race-${i % 10}`, ttlMs: 60_000 },
            }),
        ),
      );
      assert.equal(results.filter(Boolean).length, 10);
      const fields = await store.getFields("race-totals");
      assert.equal(fields.a, 10);
      assert.equal(fields.b, 20);
      assert.equal(fields["own-0"] + fields["own-1"] + fields["own-2"], 10);
    },
  );

  await step("incrementFields refuses what it cannot add atomically", async (store) => {
    const many = Object.fromEntries(
      Array.from({ length: maxFieldsPerIncrement + 1 }, (_, i) => [`f${i}`, 1]),
    );
    await assert.rejects(store.incrementFields("refused", many), RangeError);
    await assert.rejects(store.incrementFields("refused", { a: Number.NaN }), RangeError);
    await assert.rejects(
      store.incrementFields("refused", { a: 1 }, { once: { key: "k", ttlMs: 0 } }),
      RangeError,
    );
    assert.deepEqual(await store.getFields("refused"), {});
    // The most it takes, in one call.
    const most = Object.fromEntries(
      Array.from({ length: maxFieldsPerIncrement }, (_, i) => [`f${i}`, i]),
    );
    assert.equal(await store.incrementFields("most", most), true);
    assert.equal(Object.keys(await store.getFields("most")).length, maxFieldsPerIncrement);
    assert.equal((await store.getFields("most")).f499, 499);
  });

  await step("prefixes isolate two stores", async (store) => {
    const other = await open(`contract-${crypto.randomUUID()}`);
    try {
      await store.set("shared", "mine");
      await other.set("shared", "theirs");
      assert.equal(await store.get("shared"), "mine");
      assert.equal(await other.get("shared"), "theirs");
      await other.delete("shared");
      assert.equal(await store.get("shared"), "mine");
      assert.equal(await other.setIfAbsent("shared", "again"), true);
      await store.delete("shared");
      await other.delete("shared");
    } finally {
      await other.close();
    }
  });

  await step("ping reaches the store", async (store) => {
    assert.ok(store.kind === "deno-kv" || store.kind === "upstash");
    await store.ping();
  });
}
