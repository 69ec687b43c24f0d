import assert from "node:assert/strict";
import { cacheHealth } from "./cached_health.ts";

function counted() {
  const calls: string[] = [];
  let release: (() => void) | undefined;
  const probe = (requestId: string) => {
    calls.push(requestId);
    return new Promise<string>((resolve) => release = () => resolve(`probe ${calls.length}`));
  };
  return { calls, probe, release: () => release?.() };
}

Deno.test("[health] cache: within the window the stores are probed once", async () => {
  let clock = 0;
  const { calls, probe, release } = counted();
  const health = cacheHealth(probe, { ttlMs: 1_500, now: () => clock });
  const first = health("r1");
  release();
  assert.equal(await first, "probe 1");
  clock = 1_499;
  assert.equal(await health("r2"), "probe 1");
  assert.deepEqual(calls, ["r1"]);
  clock = 1_500;
  const third = health("r3");
  release();
  assert.equal(await third, "probe 2");
  assert.deepEqual(calls, ["r1", "r3"]);
});

Deno.test("[health] cache: callers during a probe share it, fresh ones too", async () => {
  const { calls, probe, release } = counted();
  const health = cacheHealth(probe, { now: () => 0 });
  const answers = [health("a"), health("b"), health("c", { fresh: true })];
  release();
  assert.deepEqual(await Promise.all(answers), ["probe 1", "probe 1", "probe 1"]);
  assert.deepEqual(calls, ["a"]);
});

Deno.test("[health] cache: fresh skips a cached result; a failed probe is not cached", async () => {
  const calls: string[] = [];
  let fail = true;
  const health = cacheHealth((requestId) => {
    calls.push(requestId);
    return fail ? Promise.reject(new Error("store down")) : Promise.resolve("ok");
  }, { now: () => 0 });
  await assert.rejects(health("a"), /store down/);
  fail = false;
  assert.equal(await health("b"), "ok");
  assert.equal(await health("c"), "ok");
  assert.equal(await health("d", { fresh: true }), "ok");
  assert.deepEqual(calls, ["a", "b", "d"]);
});
