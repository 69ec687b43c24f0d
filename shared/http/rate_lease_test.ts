/** Leased rate-limit hits on the real key-value adapters. */
import assert from "node:assert/strict";
import { openKeyValueStores } from "../runtime/stores.ts";
import { storeVariantTest } from "../testing/store_variants.ts";
import { leasedHits } from "./rate_lease.ts";

storeVariantTest("[graphql] rate-limit leases never admit past the limit", async (t, config) => {
  const stores = await openKeyValueStores(config);
  try {
    const kv = stores.kvFor("gateway-graphql");
    const limit = { limit: 500, windowMs: 60_000 };
    const key = `rate:lease-test:${crypto.randomUUID()}`;

    await t.step("isolates admit at most the limit together", async () => {
      // Leases of 5 (1 % of 500): three isolates alternate until all are refused.
      const isolates = [leasedHits(kv, limit), leasedHits(kv, limit), leasedHits(kv, limit)];
      let admitted = 0;
      for (let i = 0; i < 700; i++) {
        const state = await isolates[i % 3](key);
        if (!state.exceeded) admitted++;
      }
      assert.ok(admitted <= 500, `admitted ${admitted}`);
      assert.ok(admitted >= 500 - 3 * 4, `under-admits at most a lease per isolate: ${admitted}`);
    });

    await t.step("the store is written once per lease, not per request", async () => {
      let increments = 0;
      const counting = {
        increment: (k: string, o: { ttlMs: number; by?: number }) => {
          increments++;
          return kv.increment(k, o);
        },
      };
      const hit = leasedHits(counting, limit);
      const fresh = `rate:lease-test:${crypto.randomUUID()}`;
      for (let i = 0; i < 10; i++) assert.equal((await hit(fresh)).exceeded, false);
      assert.equal(increments, 2);
    });
  } finally {
    await stores.close();
  }
});
