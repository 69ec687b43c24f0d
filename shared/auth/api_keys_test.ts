import assert from "node:assert/strict";
import { apiKeyCacheTtlMs, type ApiKeyRecord, cachedApiKeyLookup } from "./api_keys.ts";
import { crc32, isWellFormedApiKey, newApiKeySecret } from "./api_key_secret.ts";

Deno.test("[auth] API key secrets", async (t) => {
  await t.step("CRC32 is zlib's", () => {
    assert.equal(crc32("123456789"), 0xcbf43926);
  });

  await t.step("a new secret is well formed; any one-character change is not", () => {
    const secret = newApiKeySecret();
    assert.match(secret, /^fck_[0-9A-Za-z]{36}$/);
    assert.ok(isWellFormedApiKey(secret));
    for (let i = 4; i < secret.length; i++) {
      const other = secret[i] === "x" ? "y" : "x";
      assert.ok(!isWellFormedApiKey(secret.slice(0, i) + other + secret.slice(i + 1)), `at ${i}`);
    }
    assert.ok(!isWellFormedApiKey(secret.replace("fck_", "fcx_")));
  });

  await t.step("secrets do not repeat", () => {
    const seen = new Set(Array.from({ length: 1000 }, newApiKeySecret));
    assert.equal(seen.size, 1000);
  });
});

Deno.test("[auth] API key cache: stale for at most its lifetime", async (t) => {
  const clock = { now: 0 };
  const record: ApiKeyRecord = {
    id: "k1",
    userId: "u1",
    role: "admin",
    scopes: ["inventory:write"],
    createdAt: 0,
    expiresAt: null,
  };
  let stored: ApiKeyRecord | null = record;
  let lookups = 0;
  const lookup = cachedApiKeyLookup(() => {
    lookups++;
    return Promise.resolve(stored);
  }, { now: () => clock.now });

  await t.step("concurrent misses share one lookup", async () => {
    await Promise.all([lookup("h"), lookup("h"), lookup("h")]);
    assert.equal(lookups, 1);
  });

  await t.step("within the lifetime the cached record answers", async () => {
    stored = { ...record, role: "member" };
    clock.now += apiKeyCacheTtlMs - 1;
    assert.equal((await lookup("h"))?.role, "admin");
    assert.equal(lookups, 1);
  });

  await t.step("once it has passed, the change is seen", async () => {
    clock.now += 1;
    assert.equal((await lookup("h"))?.role, "member");
    assert.equal(lookups, 2);
  });

  await t.step("a key that is gone is not remembered as gone", async () => {
    stored = null;
    clock.now += apiKeyCacheTtlMs;
    assert.equal(await lookup("h"), null);
    stored = record;
    assert.equal((await lookup("h"))?.id, "k1");
  });
});
