/**
 * The Postgres port: what repositories and the migrator need from a database,
 * whichever adapter (embedded PGlite or Neon in production) provides it.
 *
 * @module
 */
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/**
 * A drizzle database without a relational `schema` generic: the common
 * supertype of the PGlite and Neon drizzle instances, so repositories written
 * against it run unchanged on both.
 */
export type Database = PgDatabase<PgQueryResultHKT>;

/** An open Postgres connection (or pool) and its lifecycle. */
export interface PostgresStore {
  /** The drizzle instance; use `db.transaction` for atomic work. */
  db: Database;
  /** Runs `select 1` on the server: proves the connection works end to end. */
  ping(): Promise<void>;
  /** Releases the connection(s); for PGlite also flushes data to disk. */
  close(): Promise<void>;
  /** Which adapter backs this store. */
  kind: "pglite" | "neon";
}
