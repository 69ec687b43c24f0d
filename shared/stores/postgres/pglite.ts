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
import { pgliteTemplate } from "./pglite_template.ts";
import { extractTar } from "./tar.ts";

/** Options of {@linkcode openPglite}. */
export interface OpenPgliteOptions {
  /** Directory holding the database; in memory when undefined. */
  dataDir?: string;
}

/**
 * Postgres' buffer cache. PGlite's WebAssembly memory holds all of it from the
 * start (initdb's 128 MB made most of an idle platform's memory), and an
 * embedded database is small: its pages that fall out are re-read from the
 * files, which the operating system caches anyway.
 */
const sharedBuffers = "16MB";

/** Opens (creating if needed) a PGlite database; does not apply migrations. */
export async function openPglite(options: OpenPgliteOptions = {}): Promise<PostgresStore> {
  const { dataDir } = options;
  // A new database starts from the template (no initdb); without one, PGlite runs initdb.
  const template = await isNew(dataDir) ? await pgliteTemplate() : undefined;
  if (dataDir !== undefined && template) await placeTemplate(template, dataDir);
  // PGlite creates the data directory itself but not its missing parents.
  else if (dataDir !== undefined) await Deno.mkdir(dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir,
    // In memory, PGlite reads the tar itself; a Blob of it is only made then (copying 40 MB into
    // one costs more than reading the file).
    loadDataDir: dataDir === undefined && template ? new Blob([template]) : undefined,
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`],
  });
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

/** Whether `dataDir` holds nothing yet (missing or empty; in memory: always). */
async function isNew(dataDir: string | undefined): Promise<boolean> {
  if (dataDir === undefined) return true;
  try {
    for await (const _ of Deno.readDir(dataDir)) return false;
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return true;
    throw error;
  }
}

/**
 * Extracts the template beside `dataDir` and renames it into place, so a start
 * that is interrupted leaves no half a database behind.
 */
async function placeTemplate(template: Uint8Array, dataDir: string): Promise<void> {
  const partial = `${dataDir}.${crypto.randomUUID()}.partial`;
  try {
    extractTar(template, partial);
    // Only an empty folder can be there (isNew): remove refuses anything else.
    await Deno.remove(dataDir).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    await Deno.rename(partial, dataDir);
  } catch (error) {
    await Deno.remove(partial, { recursive: true }).catch(() => {});
    throw error;
  }
}
