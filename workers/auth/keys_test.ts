import assert from "node:assert/strict";
import * as v from "valibot";
import { ConfigError, parseConfig } from "../../shared/config/parse_config.ts";
import { authEntries } from "./config.ts";
import { generateSigningJwk, keyRingFromJwks } from "./keys.ts";

Deno.test("[auth] signing keys", async (t) => {
  await t.step(
    "the first configured key signs; every key is published without its private part",
    async () => {
      const [first, second] = [await generateSigningJwk(), await generateSigningJwk()];
      const ring = await keyRingFromJwks([first, second]);
      assert.equal(ring.signer.kid, first.kid);
      assert.deepEqual(ring.jwks.map((jwk) => jwk.kid), [first.kid, second.kid]);
      for (const jwk of ring.jwks) {
        assert.equal(jwk.d, undefined);
        assert.equal(jwk.alg, "EdDSA");
        assert.equal(jwk.use, "sig");
      }
    },
  );

  await t.step("refuses a key that is not a private Ed25519 JWK with a kid", async () => {
    const { d: _, ...publicOnly } = await generateSigningJwk();
    const { kid: __, ...noKid } = await generateSigningJwk();
    for (const bad of [publicOnly, noKid, { kty: "EC", crv: "P-256", kid: "x", d: "y" }]) {
      await assert.rejects(() => keyRingFromJwks([bad]), /Cannot build key ring/);
    }
    await assert.rejects(() => keyRingFromJwks([]), /no keys/);
  });

  await t.step("configuration: a JSON array, and bad JSON is named without its value", async () => {
    const jwk = await generateSigningJwk();
    const config = parseConfig(v.object(authEntries), {
      FITCONNECT_AUTH_SIGNING_KEYS: JSON.stringify([jwk]),
    });
    assert.equal(config.FITCONNECT_AUTH_SIGNING_KEYS?.[0].kid, jwk.kid);
    const secret = '{"d":"super-secret-private-part"';
    assert.throws(
      () => parseConfig(v.object(authEntries), { FITCONNECT_AUTH_SIGNING_KEYS: secret }),
      (error: unknown) =>
        error instanceof ConfigError && error.keys.includes("FITCONNECT_AUTH_SIGNING_KEYS") &&
        !error.message.includes("super-secret"),
    );
  });
});
