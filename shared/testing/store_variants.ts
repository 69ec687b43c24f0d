/**
 * Runs a suite once per store variant: the embedded stores (PGlite and
 * Deno KV in memory) always, and the production adapters (the Neon driver to
 * a scratch database on a real PostgreSQL, the Upstash client through the
 * bridge to a real Redis, in a fresh namespace) when their URLs are set —
 * failing, not skipping, under CI without them.
 *
 * @module
 */
import type { StoresConfig } from "../runtime/stores.ts";
import { createScratchDatabase } from "./scratch_database.ts";
import { needsService, testServices } from "./services.ts";

/** A suite given the store settings of its variant. */
export type VariantSuite = (t: Deno.TestContext, stores: StoresConfig) => Promise<void>;

/** Registers `suite` as `<name> (embedded)` and `<name> (production adapters)`. */
export function storeVariantTest(name: string, suite: VariantSuite): void {
  Deno.test(
    { name: `${name} (embedded)`, sanitizeResources: false, sanitizeOps: false },
    (t) => suite(t, {}),
  );

  const services = testServices();
  const present = !!(services.databaseUrl && services.neonWsProxy && services.upstashRedisRestUrl);
  Deno.test(
    needsService(
      `${name} (production adapters)`,
      present,
      "DATABASE_URL, NEON_WS_PROXY and UPSTASH_REDIS_REST_URL",
    ),
    async (t) => {
      const scratch = await createScratchDatabase(services.databaseUrl!, services.neonWsProxy!);
      try {
        await suite(t, {
          DATABASE_URL: scratch.url,
          NEON_WS_PROXY: services.neonWsProxy,
          UPSTASH_REDIS_REST_URL: services.upstashRedisRestUrl,
          UPSTASH_REDIS_REST_TOKEN: services.upstashRedisRestToken,
          kvNamespace: `test-${crypto.randomUUID()}`,
        });
      } finally {
        await scratch.drop();
      }
    },
  );
}
