import assert from "node:assert/strict";
import { StoreUnavailableError } from "../unavailable.ts";
import { keyValueContract } from "./contract.ts";
import { createDenoKvStore } from "./deno_kv.ts";
import { withinDeadline } from "../../resilience/deadline.ts";
import type { KeyValueStore } from "./port.ts";
import { createKeyValueGuard, guardKeyValueStore } from "./resilient.ts";
import { createUpstashStore } from "./upstash.ts";
import { createUpstashClient } from "./upstash_client.ts";
import { needsService, testServices } from "../../testing/services.ts";

/** A store whose every call does what `behaviour` says, counting the calls. */
function scripted(behaviour: () => Promise<unknown>) {
  const calls = { count: 0 };
  const call = <T>() => (calls.count++, behaviour() as Promise<T>);
  const store: KeyValueStore = {
    kind: "upstash",
    get: call,
    getMany: call,
    set: call,
    setIfAbsent: call,
    delete: call,
    increment: call,
    incrementFields: call,
    getFields: call,
    deleteFields: call,
    ping: call,
    close: () => Promise.resolve(),
  };
  return { store, calls };
}

const never = () => new Promise<never>(() => {});
const refused = () => Promise.reject(new TypeError("error sending request: connection refused"));

Deno.test("[kv] the guarded store passes the contract (Deno KV)", async (t) => {
  const kv = await Deno.openKv(":memory:");
  const guard = createKeyValueGuard({ kind: "deno-kv" });
  try {
    await keyValueContract(t, (prefix) => {
      return Promise.resolve(guardKeyValueStore(createDenoKvStore(kv, { prefix }), guard));
    });
  } finally {
    kv.close();
  }
});

const { upstashRedisRestUrl: url, upstashRedisRestToken: token } = testServices();

Deno.test(
  needsService(
    "[kv] the guarded store passes the contract (Upstash, as the platform opens it)",
    Boolean(url && token),
    url ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL",
  ),
  async (t) => {
    const redis = createUpstashClient({ url: url!, token: token! });
    const guard = createKeyValueGuard({ kind: "upstash" });
    const run = `test-${crypto.randomUUID()}`;
    await keyValueContract(t, (prefix) => {
      const store = createUpstashStore(redis, { prefix: `${run}:${prefix}` });
      return Promise.resolve(guardKeyValueStore(store, guard));
    });
  },
);

Deno.test("[kv] guard: deadline and breaker", async (t) => {
  await t.step("a store that does not answer fails after the deadline", async () => {
    const { store } = scripted(never);
    const guarded = guardKeyValueStore(store, createKeyValueGuard({ kind: "upstash" }));
    const started = performance.now();
    await assert.rejects(guarded.get("k"), StoreUnavailableError);
    const elapsed = performance.now() - started;
    // The upper bound only proves it did not hang: a loaded CI machine stretches timers.
    assert.ok(elapsed >= 280 && elapsed < 3_000, `${elapsed} ms`);
  });

  await t.step("after 3 failures the breaker answers at once, then a probe closes it", async () => {
    let clock = 0;
    let up = false;
    const { store, calls } = scripted(() => up ? Promise.resolve(7) : refused());
    const guard = createKeyValueGuard({ kind: "upstash", now: () => clock });
    const guarded = guardKeyValueStore(store, guard);
    for (let i = 0; i < 3; i++) {
      const error = await guarded.get("k").catch((e) => e);
      assert.ok(error instanceof StoreUnavailableError);
      assert.ok(error.cause instanceof TypeError, "the driver's error is kept as the cause");
    }
    assert.equal(calls.count, 3);
    const fast = await guarded.increment("k", { ttlMs: 1_000 }).catch((e) => e);
    assert.ok(fast instanceof StoreUnavailableError);
    assert.equal(fast.retryAfterMs, 2_000);
    assert.equal(calls.count, 3, "an open breaker does not call the store");

    up = true;
    clock += 2_000;
    assert.equal(await guarded.get("k"), 7, "the half-open probe goes through");
    assert.equal(await guarded.get("k"), 7, "and closes the breaker");
    assert.equal(calls.count, 5);
  });

  await t.step("the request's own errors pass unchanged and open nothing", async () => {
    const { store, calls } = scripted(() => Promise.reject(new RangeError("ttlMs")));
    const guarded = guardKeyValueStore(store, createKeyValueGuard({ kind: "upstash" }));
    for (let i = 0; i < 5; i++) await assert.rejects(guarded.set("k", 1), RangeError);
    assert.equal(calls.count, 5);
  });

  await t.step(
    "Deno KV's refusal of a value (TypeError) is the request's, not an outage",
    async () => {
      const kv = await Deno.openKv(":memory:");
      try {
        const guarded = guardKeyValueStore(
          createDenoKvStore(kv),
          createKeyValueGuard({ kind: "deno-kv" }),
        );
        for (let i = 0; i < 4; i++) {
          await assert.rejects(guarded.set("big", "x".repeat(70_000)), TypeError);
        }
        await guarded.set("small", 1);
        assert.equal(await guarded.get("small"), 1);
      } finally {
        kv.close();
      }
    },
  );
});

Deno.test("[kv] deadline: a busy process is not a slow store", async (t) => {
  await t.step("time the process spent busy does not count against the store", async () => {
    // The answer comes 50 ms after the process is free again: 650 ms in, past a plain 300 ms timer.
    const answer = new Promise<string>((resolve) => setTimeout(() => resolve("ok"), 650));
    const result = withinDeadline(answer, 300, () => new Error("timed out"));
    // Block the event loop for 600 ms, as an inline password hash under load would.
    const until = performance.now() + 600;
    while (performance.now() < until) { /* busy */ }
    assert.equal(await result, "ok");
  });

  await t.step("on an idle process it fires on time", async () => {
    const started = performance.now();
    await assert.rejects(withinDeadline(never(), 100, () => new Error("timed out")), /timed out/);
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 95 && elapsed < 2_000, `${elapsed} ms`);
  });
});
