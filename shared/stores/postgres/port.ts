/**
 * The Postgres port: what repositories and the migrator need from a database,
 * whichever adapter (embedded PGlite or Neon in production) provides it.
 *
 * @module
 */
import type { Assume } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/**
 * What `db.execute` answers on both adapters: PGlite's `Results` and Neon's
 * `QueryResult` each carry the rows as `rows`. Naming it here types
 * `db.execute<Row>(sql…)` as `{ rows: Row[] }` everywhere, with no casts.
 */
export interface RowsQueryResultHKT extends PgQueryResultHKT {
  type: QueryRows<Assume<this["row"], Record<string, unknown>>>;
}

/** The part of a raw query's result that repositories read. */
export interface QueryRows<Row> {
  rows: Row[];
}

/**
 * A drizzle database without a relational `schema` generic: the common
 * supertype of the PGlite and Neon drizzle instances, so repositories written
 * against it run unchanged on both.
 */
export type Database = PgDatabase<RowsQueryResultHKT>;

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
