/**
 * The embedded Postgres adapter: PGlite (Postgres in WASM), in memory or
 * persisted in a directory. No server, account or network needed.
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import type { PostgresStore } from "./port.ts";

/** Options of {@linkcode openPglite}. */
export interface OpenPgliteOptions {
  /** Directory holding the database; in memory when undefined. */
  dataDir?: string;
}

/** Opens (creating if needed) a PGlite database; does not apply migrations. */
export async function openPglite(options: OpenPgliteOptions = {}): Promise<PostgresStore> {
  const { dataDir } = options;
  // PGlite creates the data directory itself but not its missing parents.
  if (dataDir !== undefined) await Deno.mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client });
  return {
    db,
    kind: "pglite",
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}
