import assert from "node:assert/strict";
import { createLogger } from "../../shared/logging/logger.ts";
import { openPlatformStores } from "../../shared/runtime/stores.ts";
import { withProfileCache } from "./profile_cache.ts";
import { profileNearCacheMaxAgeMs, withProfileNearCache } from "./profile_near_cache.ts";
import { createProfileRepository, type ProfileRepository } from "./repository.ts";

Deno.test("[users] profiles in memory: changes seen at once here, within the bound elsewhere", async (t) => {
  const stores = await openPlatformStores({}, createLogger({ level: "silent" }));
  // Two users processes over the same stores, each with its own clock; finds are counted.
  const shared = withProfileCache(
    createProfileRepository(stores.postgres.db),
    stores.kvFor("users"),
  );
  const finds = { count: 0 };
  const counted: ProfileRepository = {
    ...shared,
    find: (userId) => (finds.count++, shared.find(userId)),
  };
  const clock = { here: 0, elsewhere: 0 };
  const here = withProfileNearCache(counted, { now: () => clock.here });
  const elsewhere = withProfileNearCache(counted, { now: () => clock.elsewhere });
  const at = new Date("2026-01-01T00:00:00Z");
  try {
    await here.insertIfAbsent({ userId: "u1", email: "u1@example.com", displayName: "One" }, at);

    await t.step("a burst of reads asks the shared cache once per bound", async () => {
      finds.count = 0;
      const rows = await Promise.all(Array.from({ length: 20 }, () => elsewhere.find("u1")));
      assert.deepEqual(new Set(rows.map((row) => row?.displayName)), new Set(["One"]));
      assert.equal(finds.count, 1);
      clock.elsewhere += profileNearCacheMaxAgeMs;
      assert.equal((await elsewhere.find("u1"))?.displayName, "One");
      assert.equal(finds.count, 2);
    });

    await t.step("a change made here is read here at once", async () => {
      assert.equal((await here.find("u1"))?.version, 1);
      await here.update("u1", { displayName: "Uno" }, { at });
      assert.equal((await here.find("u1"))?.displayName, "Uno");
    });

    await t.step("a change made elsewhere is read once the bound has passed", async () => {
      clock.elsewhere += 1;
      assert.equal((await elsewhere.find("u1"))?.displayName, "One", "within the bound");
      clock.elsewhere += profileNearCacheMaxAgeMs - 1;
      assert.equal((await elsewhere.find("u1"))?.displayName, "Uno");
    });

    await t.step("a delete here is read here at once; elsewhere within the bound", async () => {
      await here.delete("u1");
      assert.equal(await here.find("u1"), undefined);
      clock.elsewhere += profileNearCacheMaxAgeMs;
      assert.equal(await elsewhere.find("u1"), undefined);
    });

    await t.step("a row kept in memory cannot be changed by a reader", async () => {
      await here.insertIfAbsent({ userId: "u2", email: "u2@example.com", displayName: "Two" }, at);
      const row = await here.find("u2");
      assert.throws(() => Object.assign(row!, { displayName: "changed by a route" }));
    });
  } finally {
    await stores.close();
  }
});
