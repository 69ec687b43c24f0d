/**
 * The Postgres store: one port (drizzle over Postgres), two adapters (Neon in
 * production, PGlite embedded), and the migrator that every start runs.
 *
 * @module
 */
import { type AppliedMigration, migrate, migrationsFolder } from "./migrate.ts";
import { openNeon } from "./neon.ts";
import { openPglite } from "./pglite.ts";
import type { PostgresStore } from "./port.ts";

export type { Database, PostgresStore } from "./port.ts";
export { openPglite, type OpenPgliteOptions } from "./pglite.ts";
export { openNeon, type OpenNeonOptions } from "./neon.ts";
export {
  type AppliedMigration,
  migrate,
  type MigrateOptions,
  migrationsFolder,
} from "./migrate.ts";

/** Where the database is; parsed from the environment by each `main.ts`. */
export interface PostgresConfig {
  /** Neon (or any Postgres reached through the Neon driver) when set. */
  databaseUrl?: string;
  /** `host:port` of tools/neon_ws_proxy.ts, for a local PostgreSQL. */
  neonWsProxy?: string;
  /** Embedded mode: PGlite persists under `${dataDir}/pglite`; in memory when undefined. */
  dataDir?: string;
}

/** Options of {@linkcode openPostgres}. */
export interface OpenPostgresOptions {
  /** drizzle-kit output to apply; the repo's `db/migrations` by default. */
  migrationsFolder?: string;
  /** Called with the migrations this start applied (empty when up to date). */
  onMigrated?: (applied: AppliedMigration[]) => void;
}

/** Opens Neon when `databaseUrl` is set, else PGlite; applies pending migrations. */
export async function openPostgres(
  config: PostgresConfig,
  options: OpenPostgresOptions = {},
): Promise<PostgresStore> {
  const store = config.databaseUrl !== undefined
    ? await openNeon({ url: config.databaseUrl, wsProxy: config.neonWsProxy })
    : await openPglite({
      dataDir: config.dataDir === undefined ? undefined : `${config.dataDir}/pglite`,
    });
  try {
    const applied = await migrate(store.db, {
      migrationsFolder: options.migrationsFolder ?? migrationsFolder,
    });
    options.onMigrated?.(applied);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
