/**
 * Several connections to one Deno KV file, as split mode's processes have:
 * concurrent writes wait for the file's lock instead of failing with
 * "database is locked", and none is applied twice.
 */
import assert from "node:assert/strict";
import { createDenoKvStore } from "./deno_kv.ts";
import { isLockedError, whileLocked } from "./deno_kv_locks.ts";

Deno.test("[kv] Deno KV writers sharing one file wait out each other's lock", async () => {
  const path = await Deno.makeTempFile({ suffix: ".sqlite3" });
  const connections = await Promise.all(Array.from({ length: 4 }, () => Deno.openKv(path)));
  try {
    const stores = connections.map((kv) => createDenoKvStore(kv, { prefix: "shared" }));
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => stores[i % 4].increment("n", { ttlMs: 60_000 })),
    );
    assert.deepEqual(results.filter((result) => result.status === "rejected"), []);
    assert.equal(await stores[0].get("n"), 100);
  } finally {
    for (const kv of connections) kv.close();
    await Deno.remove(path);
  }
});

Deno.test("[kv] only the lock is waited out, and only within the budget", async () => {
  let calls = 0;
  const broken = () => {
    calls++;
    return Promise.reject(new TypeError("disk I/O error"));
  };
  await assert.rejects(whileLocked(broken), /disk I\/O error/);
  assert.equal(calls, 1);

  calls = 0;
  const locked = () => {
    calls++;
    return Promise.reject(new TypeError("database is locked"));
  };
  const error = await whileLocked(locked, 20).catch((e) => e);
  assert.ok(isLockedError(error));
  assert.ok(calls > 1);
});
