import assert from "node:assert/strict";
import { openDenoKvStore } from "../stores/kv/deno_kv.ts";
import type { KeyValueStore } from "../stores/kv/port.ts";
import type { AccessClaims } from "./claims.ts";
import { createRevocationList, revocationCacheMaxAgeMs } from "./revocations.ts";

const at = new Date("2026-01-01T00:00:00Z");

function claimsOf(sub: string, sid: string): AccessClaims {
  const iat = at.getTime() / 1000 - 60;
  return { sub, sid, role: "member", jti: crypto.randomUUID(), iat, exp: iat + 900 };
}

/**
 * `store` whose `getMany` calls are counted; while `hold` is set, a read answers what the
 * store held before any revocation (nothing), once `hold` resolves: a slow read.
 */
function counted(store: KeyValueStore) {
  const reads = { count: 0, hold: undefined as Promise<void> | undefined };
  const wrapped: KeyValueStore = {
    ...store,
    async getMany<T>(keys: string[]) {
      reads.count++;
      if (!reads.hold) return await store.getMany<T>(keys);
      await reads.hold;
      return keys.map(() => null);
    },
  };
  return { store: wrapped, reads };
}

Deno.test("[auth] revocations: seen at once here, within the bound elsewhere", async (t) => {
  // Two processes of split: two handles on one Deno KV file, each with its own list and clock.
  const path = `${await Deno.makeTempDir()}/kv.sqlite3`;
  const [storeOfAuth, storeOfUsers] = [
    await openDenoKvStore({ path, prefix: "revocations" }),
    await openDenoKvStore({ path, prefix: "revocations" }),
  ];
  const authClock = { now: 0 };
  const usersClock = { now: 0 };
  const users = counted(storeOfUsers);
  const auth = counted(storeOfAuth);
  const inAuth = createRevocationList(auth.store, { now: () => authClock.now });
  const inUsers = createRevocationList(users.store, { now: () => usersClock.now });
  try {
    await t.step("a burst of checks reads the store once per bound", async () => {
      const claims = claimsOf("u1", "s1");
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => inUsers.isRevoked(claims)),
      );
      assert.deepEqual(new Set(answers), new Set([false]));
      assert.equal(users.reads.count, 1);
      usersClock.now += revocationCacheMaxAgeMs - 1;
      assert.equal(await inUsers.isRevoked(claims), false);
      assert.equal(users.reads.count, 1);
      usersClock.now += 1;
      assert.equal(await inUsers.isRevoked(claims), false);
      assert.equal(users.reads.count, 2);
    });

    await t.step("a revocation by this process is seen at once", async () => {
      const claims = claimsOf("u2", "s2");
      assert.equal(await inAuth.isRevoked(claims), false);
      await inAuth.revokeSession("s2", at);
      assert.equal(await inAuth.isRevoked(claims), true);
      await inAuth.revokeUser("u3", at);
      assert.equal(await inAuth.isRevoked(claimsOf("u3", "s3")), true);
    });

    await t.step("another process's revocation is seen once the bound has passed", async () => {
      const claims = claimsOf("u4", "s4");
      assert.equal(await inUsers.isRevoked(claims), false);
      await inAuth.revokeUser("u4", at);
      // What the bound allows: the check made just before stands for up to revocationCacheMaxAgeMs…
      usersClock.now += revocationCacheMaxAgeMs - 1;
      assert.equal(await inUsers.isRevoked(claims), false);
      // …and not a millisecond more.
      usersClock.now += 1;
      assert.equal(await inUsers.isRevoked(claims), true);
      // A login revoked elsewhere, likewise.
      const other = claimsOf("u5", "s5");
      assert.equal(await inUsers.isRevoked(other), false);
      await inAuth.revokeSession("s5", at);
      usersClock.now += revocationCacheMaxAgeMs;
      assert.equal(await inUsers.isRevoked(other), true);
    });

    await t.step("a check that began before a revocation here never puts it back", async () => {
      const claims = claimsOf("u6", "s6");
      authClock.now += revocationCacheMaxAgeMs;
      let release!: () => void;
      auth.reads.hold = new Promise((resolve) => release = resolve);
      const slow = inAuth.isRevoked(claims); // its store read is under way, held
      await inAuth.revokeSession("s6", at);
      auth.reads.hold = undefined;
      release();
      // The slow check began before the revocation: what it found is its answer, and not kept.
      assert.equal(await slow, false);
      assert.equal(await inAuth.isRevoked(claims), true);
    });

    await t.step(
      "a check past the bound never takes the answer of a slow read begun before",
      async () => {
        const claims = claimsOf("u7", "s7");
        usersClock.now += revocationCacheMaxAgeMs;
        let release!: () => void;
        users.reads.hold = new Promise((resolve) => release = resolve);
        const slow = inUsers.isRevoked(claims); // a slow store (a locked Deno KV file): held
        await inAuth.revokeSession("s7", at);
        usersClock.now += revocationCacheMaxAgeMs;
        users.reads.hold = undefined;
        const late = inUsers.isRevoked(claims); // starts a bound after the revocation
        release();
        assert.equal(await slow, false, "the slow check began before the revocation");
        assert.equal(await late, true);
        assert.equal(await inUsers.isRevoked(claims), true);
      },
    );
  } finally {
    await storeOfAuth.close();
    await storeOfUsers.close();
  }
});
