/**
 * The Postgres store: one port (drizzle over Postgres), two adapters (Neon in
 * production, PGlite embedded), and the migrator that every start runs.
 *
 * @module
 */
import { type AppliedMigration, migrate, type SchemaOwner, schemaOwners } from "./migrate.ts";
import { openNeon } from "./neon.ts";
import { openPglite } from "./pglite.ts";
import type { PostgresStore } from "./port.ts";

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
  /**
   * The workers whose schemas to migrate (each from `db/migrations/<worker>`):
   * a worker on its own migrates only its own; all of them by default (the
   * embedded platform hosts every worker, and tests).
   */
  migrate?: readonly SchemaOwner[];
  /** Called with the migrations this start applied (empty when up to date). */
  onMigrated?: (applied: AppliedMigration[]) => void;
}

/** Opens Neon when `databaseUrl` is set, else PGlite; applies the workers' pending migrations. */
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
    const applied: AppliedMigration[] = [];
    // One after another: embedded PGlite has a single connection.
    for (const worker of options.migrate ?? schemaOwners) {
      applied.push(...await migrate(store.db, { worker }));
    }
    options.onMigrated?.(applied);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
