/**
 * A fresh PostgreSQL database for one test run, reached through the Neon
 * driver: isolated from other runs and from real data, dropped afterwards.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import { openNeon } from "../stores/postgres/neon.ts";

/** A database that exists until `drop()` is called. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates `fitconnect_test_<random>` on the server of `url`. */
export async function createScratchDatabase(
  url: string,
  wsProxy: string,
): Promise<ScratchDatabase> {
  const name = `fitconnect_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = await openNeon({ url, wsProxy, max: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.href,
    async drop() {
      try {
        // `with (force)` ends connections a failed test may have left open.
        await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      } finally {
        await admin.close();
      }
    },
  };
}
