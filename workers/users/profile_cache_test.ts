import assert from "node:assert/strict";
import { createLogger } from "../../shared/logging/logger.ts";
import { openPlatformStores } from "../../shared/runtime/stores.ts";
import { withProfileCache } from "./profile_cache.ts";
import { createProfileRepository } from "./repository.ts";

Deno.test("[users] profile cache", async (t) => {
  const stores = await openPlatformStores({}, createLogger({ level: "silent" }));
  const database = createProfileRepository(stores.postgres.db);
  const kv = stores.kvFor("users");
  const cached = withProfileCache(database, kv);
  const at = new Date("2026-01-01T00:00:00Z");
  try {
    await cached.insertIfAbsent({ userId: "u1", email: "u1@example.com", displayName: "One" }, at);

    await t.step("serves a read from the cache, dates intact", async () => {
      await database.update("u1", { bio: "written behind the cache's back" }, { at });
      const row = await cached.find("u1");
      assert.equal(row?.bio, "", "the cached row, not the database's");
      assert.ok(row?.createdAt instanceof Date);
    });

    await t.step("a write through the cache replaces the cached row", async () => {
      await cached.update("u1", { displayName: "Uno" }, { at });
      assert.equal((await cached.find("u1"))?.displayName, "Uno");
    });

    await t.step("a slow reader cannot put back an older row", async () => {
      await kv.delete("profile:u1");
      const old = await database.find("u1"); // read before the write below…
      await cached.update("u1", { displayName: "Newest" }, { at });
      // …and cached after it, as a slow reader would: set-if-absent refuses.
      assert.equal(await kv.setIfAbsent("profile:u1", old), false);
      assert.equal((await cached.find("u1"))?.displayName, "Newest");
    });

    await t.step("a delete clears the cache", async () => {
      await cached.delete("u1");
      assert.equal(await cached.find("u1"), undefined);
    });
  } finally {
    await stores.close();
  }
});
