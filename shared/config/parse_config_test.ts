import assert from "node:assert/strict";
import { ConfigError } from "./parse_config.ts";
import { parsePeerUrls, parsePlatformConfig } from "../runtime/platform_config.ts";

const secret = "0123456789abcdef0123456789abcdef";

Deno.test("[config] parsePlatformConfig", async (t) => {
  await t.step("applies defaults", () => {
    const config = parsePlatformConfig({ FITCONNECT_INTERNAL_SECRET: secret });
    assert.equal(config.PORT, 8000);
    assert.equal(config.LOG_LEVEL, "info");
    assert.equal(config.FITCONNECT_DATA_DIR, ".data");
    assert.deepEqual(config.FITCONNECT_CORS_ORIGINS, ["*"]);
    assert.equal(config.DATABASE_URL, undefined);
  });

  await t.step("treats empty strings as unset", () => {
    const config = parsePlatformConfig({ FITCONNECT_INTERNAL_SECRET: secret, PORT: "" });
    assert.equal(config.PORT, 8000);
  });

  await t.step("names every bad key at once and never echoes a value", () => {
    const leaked = "postgres-password-hunter2";
    let error: unknown;
    try {
      parsePlatformConfig({
        FITCONNECT_INTERNAL_SECRET: "short-hunter2",
        PORT: "eighty",
        LOG_LEVEL: "loud",
        DATABASE_URL: leaked,
        UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079",
      });
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.keys.sort(), [
      "DATABASE_URL",
      "FITCONNECT_INTERNAL_SECRET",
      "LOG_LEVEL",
      "PORT",
      "UPSTASH_REDIS_REST_TOKEN",
    ]);
    assert.match(error.message, /^Cannot parse config: /);
    assert.doesNotMatch(error.message, /hunter2|eighty|loud/);
  });

  await t.step("requires the internal secret", () => {
    assert.throws(() => parsePlatformConfig({}), /FITCONNECT_INTERNAL_SECRET is required/);
  });

  await t.step("parses a CORS allow-list", () => {
    const config = parsePlatformConfig({
      FITCONNECT_INTERNAL_SECRET: secret,
      FITCONNECT_CORS_ORIGINS: "https://app.fitconnect.dev, https://m.fitconnect.dev",
    });
    assert.deepEqual(config.FITCONNECT_CORS_ORIGINS, [
      "https://app.fitconnect.dev",
      "https://m.fitconnect.dev",
    ]);
  });
});

Deno.test("[config] parsePeerUrls", async (t) => {
  await t.step("reads FITCONNECT_<NAME>_URL per peer", () => {
    assert.deepEqual(
      parsePeerUrls(["auth", "gateway-graphql"], {
        FITCONNECT_AUTH_URL: "http://127.0.0.1:8100",
        FITCONNECT_GATEWAY_GRAPHQL_URL: "https://graphql.example",
      }),
      { auth: "http://127.0.0.1:8100", "gateway-graphql": "https://graphql.example" },
    );
  });

  await t.step("names each missing or bad peer", () => {
    assert.throws(
      () => parsePeerUrls(["auth", "users"], { FITCONNECT_USERS_URL: "not a url" }),
      /FITCONNECT_AUTH_URL is required; FITCONNECT_USERS_URL must be an http\(s\) URL/,
    );
  });
});
