import assert from "node:assert/strict";
import { join } from "node:path";
import { needsService, testServices } from "../../testing/services.ts";
import { keyValueContract } from "./contract.ts";
import { createDenoKvStore, openDenoKvStore } from "./deno_kv.ts";
import { openUpstashStore } from "./upstash.ts";

// One random namespace per run, so runs sharing a redis-server never collide.
const run = `test-${crypto.randomUUID()}`;

Deno.test("[kv] Deno KV in memory", async (t) => {
  // One shared Deno KV, so the prefix step really checks prefixes.
  const kv = await Deno.openKv(":memory:");
  try {
    await keyValueContract(t, (prefix) => {
      return Promise.resolve(createDenoKvStore(kv, { prefix: `${run}:${prefix}` }));
    });
  } finally {
    kv.close();
  }
});

Deno.test("[kv] Deno KV on a file", async (t) => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "nested", "kv.sqlite3");
  try {
    await keyValueContract(t, (prefix) => openDenoKvStore({ path, prefix: `${run}:${prefix}` }));

    await t.step("data survives close and reopen", async () => {
      const first = await openDenoKvStore({ path, prefix: run });
      await first.set("kept", { sessions: [1, 2] });
      await first.increment("counter", { ttlMs: 60_000, by: 3 });
      await first.close();
      const second = await openDenoKvStore({ path, prefix: run });
      try {
        assert.deepEqual(await second.get("kept"), { sessions: [1, 2] });
        assert.equal((await second.increment("counter", { ttlMs: 60_000 })).value, 4);
      } finally {
        await second.close();
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const { upstashRedisRestUrl: url, upstashRedisRestToken: token } = testServices();

Deno.test(
  needsService(
    "[kv] Upstash (REST bridge to redis-server)",
    Boolean(url && token),
    url ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL",
  ),
  async (t) => {
    await keyValueContract(t, (prefix) => {
      return openUpstashStore({ url: url!, token: token!, prefix: `${run}:${prefix}` });
    });
  },
);
