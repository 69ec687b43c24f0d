import assert from "node:assert/strict";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { paymentsConfigSchema, providerFrom } from "./config.ts";

const stripeKeys = { STRIPE_SECRET_KEY: "sk_test_config", STRIPE_WEBHOOK_SECRET: "whsec_config" };

Deno.test("[payments] provider settings", async (t) => {
  await t.step("Stripe's own API when STRIPE_API_URL is absent", () => {
    const { stripe } = providerFrom(parseConfig(paymentsConfigSchema, stripeKeys));
    assert.deepEqual(stripe, { secretKey: "sk_test_config" });
  });

  await t.step("STRIPE_API_URL points the adapter at a stand-in", () => {
    const env = { ...stripeKeys, STRIPE_API_URL: "http://127.0.0.1:12111" };
    const { stripe } = providerFrom(parseConfig(paymentsConfigSchema, env));
    assert.deepEqual(stripe, {
      secretKey: "sk_test_config",
      host: "127.0.0.1",
      port: 12111,
      protocol: "http",
    });
    const https = providerFrom(
      parseConfig(paymentsConfigSchema, { ...stripeKeys, STRIPE_API_URL: "https://stripe.test" }),
    );
    assert.deepEqual(https.stripe, {
      secretKey: "sk_test_config",
      host: "stripe.test",
      port: 443,
      protocol: "https",
    });
  });

  await t.step("a STRIPE_API_URL that is not an http(s) URL is refused at start", () => {
    for (const url of ["stripe", "ftp://stripe.test"]) {
      assert.throws(
        () => parseConfig(paymentsConfigSchema, { ...stripeKeys, STRIPE_API_URL: url }),
        /STRIPE_API_URL/,
      );
    }
  });

  await t.step("without Stripe's keys, the offline provider", () => {
    const options = providerFrom(parseConfig(paymentsConfigSchema, {}));
    assert.equal(options.stripe, undefined);
    assert.match(options.webhookSecret, /^whsec_/);
  });
});
