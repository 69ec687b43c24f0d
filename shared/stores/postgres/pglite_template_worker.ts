/**
 * Web Worker script of ./pglite_template.ts: runs initdb in an in-memory
 * PGlite, posts its data directory as a tarball, and is terminated,
 * taking both Postgres instances' memory with it.
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";

interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const db = await PGlite.create();
const tarball = await (await db.dumpDataDir("none")).bytes();
await db.close();
(self as unknown as WorkerScope).postMessage(tarball, [tarball.buffer]);
