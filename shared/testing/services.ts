/**
 * Which real servers the tests may use. CI sets their URLs and `CI=true`;
 * on a developer's machine a suite whose server is not configured is skipped,
 * but under CI a missing server is a failure, never a skip.
 *
 * @module
 */

/** The servers a production-adapter suite can run against. */
export interface TestServices {
  /** A PostgreSQL URL reached through the Neon driver (with `neonWsProxy`). */
  databaseUrl?: string;
  /** `host:port` of the repo's WebSocket-to-TCP proxy (tools/neon_ws_proxy.ts). */
  neonWsProxy?: string;
  /** The Upstash-REST-compatible bridge (tools/upstash_bridge.ts) to a real redis-server. */
  upstashRedisRestUrl?: string;
  upstashRedisRestToken?: string;
}

/** Reads the test services from the environment (tests only; workers read config in main.ts). */
export function testServices(): TestServices {
  const get = (key: string) => Deno.env.get(key) || undefined;
  return {
    databaseUrl: get("DATABASE_URL"),
    neonWsProxy: get("NEON_WS_PROXY"),
    upstashRedisRestUrl: get("UPSTASH_REDIS_REST_URL"),
    upstashRedisRestToken: get("UPSTASH_REDIS_REST_TOKEN"),
  };
}

/** True when running under CI, where a missing server fails its suite. */
export function isCI(): boolean {
  return Deno.env.get("CI") === "true";
}

/**
 * Options for `Deno.test` of a suite that needs `service`: skipped locally when
 * it is absent, failing under CI with a message that names the missing variable.
 */
export function needsService(
  name: string,
  present: boolean,
  variable: string,
): { name: string; ignore: boolean; sanitizeResources: boolean; sanitizeOps: boolean } {
  if (!present && isCI()) {
    Deno.test(`${name} (service check)`, () => {
      throw new Error(`Cannot run ${name}: CI=true but ${variable} is not set`);
    });
  }
  return { name, ignore: !present, sanitizeResources: false, sanitizeOps: false };
}
