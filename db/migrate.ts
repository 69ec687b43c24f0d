/**
 * Applies pending migrations, then exits. Reads `DATABASE_URL` (Neon; with
 * `NEON_WS_PROXY` for a local PostgreSQL behind tools/neon_ws_proxy.ts), else
 * migrates the embedded PGlite under `FITCONNECT_DATA_DIR` (default `.data`).
 *
 * ```sh
 * deno run -A db/migrate.ts
 * ```
 *
 * @module
 */
import { openPostgres } from "../shared/stores/postgres/mod.ts";

if (import.meta.main) {
  const env = (key: string) => Deno.env.get(key) || undefined;
  const databaseUrl = env("DATABASE_URL");
  const dataDir = env("FITCONNECT_DATA_DIR") ?? ".data";
  // Never print the URL itself: it may carry a password.
  const target = databaseUrl === undefined ? `PGlite at ${dataDir}/pglite` : "DATABASE_URL";
  const store = await openPostgres({
    databaseUrl,
    neonWsProxy: env("NEON_WS_PROXY"),
    dataDir,
  }, {
    onMigrated(applied) {
      for (const migration of applied) console.log(`applied ${migration.tag}`);
      console.log(`${target}: ${applied.length} migration(s) applied, schema up to date`);
    },
  });
  await store.close();
}
