import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { Problem } from "../http/problem.ts";
import { openDenoKvStore } from "../stores/kv/deno_kv.ts";
import { tokenAlgorithm, tokenAudience, tokenIssuer } from "./claims.ts";
import { cachedJwks, type JwksFetch } from "./key_source.ts";
import { createRevocationList } from "./revocations.ts";
import { createTokenVerifier } from "./verifier.ts";

async function signingKey(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(tokenAlgorithm, { extractable: true });
  const jwk: JWK = { ...await exportJWK(publicKey), kid, alg: tokenAlgorithm, use: "sig" };
  const sign = (sub: string) => {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ role: "member", sid: "s1" })
      .setProtectedHeader({ alg: tokenAlgorithm, kid })
      .setIssuer(tokenIssuer).setAudience(tokenAudience).setSubject(sub)
      .setJti(crypto.randomUUID()).setIssuedAt(iat).setExpirationTime(iat + 900)
      .sign(privateKey);
  };
  return { jwk, sign };
}

/** A stand-in auth worker's JWKS read, publishing `published`, which can go down (connection refused). */
function authWorker(published: () => JWK[]) {
  const state = { down: false, fetches: 0 };
  const fetchJwks: JwksFetch = () => {
    state.fetches++;
    if (state.down) return Promise.reject(new TypeError("connection refused"));
    return Promise.resolve({ keys: published() });
  };
  return { state, fetchJwks };
}

Deno.test("[auth] JWKS outage", async (t) => {
  const kv = await openDenoKvStore({});
  const clock = { now: 0 };
  const [current, rotatedIn] = [await signingKey("current"), await signingKey("rotated-in")];
  const verifierOver = (fetchJwks: JwksFetch) =>
    createTokenVerifier({
      keys: cachedJwks(fetchJwks, {
        ttlMs: 5 * 60_000,
        cooldownMs: 10_000,
        failureBackoffMs: 1_000,
        now: () => clock.now,
      }),
      revocations: createRevocationList(kv),
      cacheSize: 0,
    });
  try {
    await t.step(
      "auth down past the cache's lifetime: the last good keys still verify",
      async () => {
        const auth = authWorker(() => [current.jwk]);
        const verifier = verifierOver(auth.fetchJwks);
        const token = await current.sign("u1");
        assert.equal((await verifier.verify(token)).sub, "u1");
        auth.state.down = true;
        clock.now += 5 * 60_000 + 1;
        assert.equal((await verifier.verify(token)).sub, "u1");
        assert.equal(auth.state.fetches, 2, "the stale set was refetched once");
      },
    );

    await t.step("auth down with keys known: an unknown kid is 401, not 5xx", async () => {
      const auth = authWorker(() => [current.jwk]);
      const verifier = verifierOver(auth.fetchJwks);
      assert.equal((await verifier.verify(await current.sign("u1"))).sub, "u1");
      auth.state.down = true;
      clock.now += 10_000;
      await assert.rejects(
        verifier.verify(await rotatedIn.sign("u2")),
        (error) => error instanceof Problem && error.status === 401,
      );
    });

    await t.step("a failing auth is asked at most once per backoff", async () => {
      const auth = authWorker(() => [current.jwk]);
      const verifier = verifierOver(auth.fetchJwks);
      assert.equal((await verifier.verify(await current.sign("u1"))).sub, "u1");
      auth.state.down = true;
      clock.now += 5 * 60_000 + 1;
      const token = await current.sign("u1");
      await Promise.all(Array.from({ length: 20 }, () => verifier.verify(token)));
      await verifier.verify(token);
      assert.equal(auth.state.fetches, 2);
      clock.now += 1_000;
      await verifier.verify(token);
      assert.equal(auth.state.fetches, 3);
    });

    await t.step("no key ever known: 503 SERVICE_UNAVAILABLE with Retry-After", async () => {
      const auth = authWorker(() => [current.jwk]);
      auth.state.down = true;
      const verifier = verifierOver(auth.fetchJwks);
      await assert.rejects(
        verifier.verify(await current.sign("u1")),
        (error) =>
          error instanceof Problem && error.code === "SERVICE_UNAVAILABLE" &&
          Number(error.headers["retry-after"]) >= 1,
      );
      auth.state.down = false;
      clock.now += 1_000;
      assert.equal((await verifier.verify(await current.sign("u1"))).sub, "u1");
    });

    await t.step("an answer without a usable key does not replace the known keys", async () => {
      let published = [current.jwk];
      const auth = authWorker(() => published);
      const verifier = verifierOver(auth.fetchJwks);
      assert.equal((await verifier.verify(await current.sign("u1"))).sub, "u1");
      published = [];
      clock.now += 5 * 60_000 + 1;
      assert.equal((await verifier.verify(await current.sign("u1"))).sub, "u1");
    });
  } finally {
    await kv.close();
  }
});
