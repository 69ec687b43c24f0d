import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { createRevocationList } from "./revocations.ts";
import { openDenoKvStore } from "../stores/kv/deno_kv.ts";
import { tokenAlgorithm, tokenAudience, tokenIssuer } from "./claims.ts";
import { cachedJwks } from "./key_source.ts";
import { createTokenVerifier } from "./verifier.ts";

async function signingKey(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(tokenAlgorithm, { extractable: true });
  const jwk: JWK = { ...await exportJWK(publicKey), kid, alg: tokenAlgorithm, use: "sig" };
  const sign = (sub: string, now = Date.now()) =>
    new SignJWT({ role: "member", sid: "s1" })
      .setProtectedHeader({ alg: tokenAlgorithm, kid })
      .setIssuer(tokenIssuer).setAudience(tokenAudience).setSubject(sub)
      .setJti(crypto.randomUUID()).setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 900)
      .sign(privateKey);
  return { jwk, sign };
}

Deno.test("[auth] key rotation through the published JWKS", async (t) => {
  const [oldKey, newKey] = [await signingKey("old"), await signingKey("new")];
  let published: JWK[] = [oldKey.jwk];
  let fetches = 0;
  // The auth worker's published set, as its client reads it.
  const fetchJwks = () => {
    fetches++;
    return Promise.resolve({ keys: published });
  };
  const clock = { now: 0 };
  const kv = await openDenoKvStore({});
  const verifier = createTokenVerifier({
    keys: cachedJwks(fetchJwks, {
      ttlMs: 60_000,
      cooldownMs: 0,
      now: () => clock.now,
    }),
    revocations: createRevocationList(kv),
    cacheSize: 0,
  });
  try {
    const beforeRotation = await oldKey.sign("u1");

    await t.step("a token of the old key verifies", async () => {
      assert.equal((await verifier.verify(beforeRotation)).sub, "u1");
    });

    await t.step("step 1 — the new key is published beside the old: both verify", async () => {
      published = [oldKey.jwk, newKey.jwk];
      // An unknown kid makes the verifier refetch, so new tokens work at once.
      assert.equal((await verifier.verify(await newKey.sign("u2"))).sub, "u2");
      assert.equal((await verifier.verify(beforeRotation)).sub, "u1");
    });

    await t.step(
      "step 3 — the old key is dropped: its tokens fail once the JWKS is refreshed",
      async () => {
        published = [newKey.jwk];
        clock.now += 60_001;
        await assert.rejects(() => verifier.verify(beforeRotation), /valid access token/);
        assert.equal((await verifier.verify(await newKey.sign("u3"))).sub, "u3");
      },
    );

    await t.step("the JWKS is fetched only when it expired or a kid was unknown", () => {
      assert.equal(fetches, 3);
    });
  } finally {
    await kv.close();
  }
});
