import assert from "node:assert/strict";
import { openDenoKvStore } from "../stores/kv/deno_kv.ts";
import { coalescingCounter, hit, rateLimitHeaders } from "./rate_limit.ts";

Deno.test("[platform] rate limits on a coalescing counter", async (t) => {
  const kv = await openDenoKvStore({});
  let writes = 0;
  const counter = coalescingCounter({
    increment(key, options) {
      writes++;
      return kv.increment(key, options);
    },
  });
  try {
    await t.step("50 concurrent hits are each counted once, in few writes", async () => {
      const states = await Promise.all(
        Array.from({ length: 50 }, () => hit(counter, "k", { limit: 40, windowMs: 60_000 })),
      );
      assert.deepEqual(
        states.map((state) => state.remaining).sort((a, b) => a - b),
        [...Array(10).fill(0), ...Array.from({ length: 40 }, (_, i) => i)],
      );
      assert.equal(states.filter((state) => state.exceeded).length, 10);
      assert.equal(await kv.get<number>("k"), 50);
      assert.ok(writes < 50, `${writes} writes`);
    });

    await t.step("the headers are the IETF structured fields", async () => {
      const state = await hit(counter, "h", { limit: 600, windowMs: 60_000, policy: "key" });
      const headers = rateLimitHeaders(state);
      assert.equal(headers["ratelimit-policy"], '"key";q=600;w=60');
      assert.match(headers.ratelimit, /^"key";r=599;t=(60|59)$/);
    });
  } finally {
    await kv.close();
  }
});
