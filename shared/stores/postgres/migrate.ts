/**
 * Applies drizzle-kit migrations (`db/migrations`) safely when many workers
 * start at once: one transaction, serialised by a Postgres advisory lock.
 *
 * @module
 */
import { max, sql } from "drizzle-orm";
import { bigint, pgSchema, serial, text } from "drizzle-orm/pg-core";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { fileURLToPath } from "node:url";
import type { Database } from "./port.ts";

/** Absolute path of the repo's `db/migrations`, where drizzle-kit writes. */
export const migrationsFolder: string = fileURLToPath(
  new URL("../../../db/migrations", import.meta.url),
);

/**
 * Key of the advisory lock that serialises migrators (any constant works if
 * nothing else in the database uses it): "fitconnect:migrate" folded to 63 bits.
 */
const MIGRATION_LOCK_KEY = 0x66_69_74_6d_69_67_72n;

/** drizzle's own bookkeeping table, declared to query it through the builder. */
const drizzleMigrations = pgSchema("drizzle").table("__drizzle_migrations", {
  id: serial().primaryKey(),
  hash: text().notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});

/** Options of {@linkcode migrate}. */
export interface MigrateOptions {
  /** A drizzle-kit output folder (with `meta/_journal.json`). */
  migrationsFolder: string;
}

/** A migration applied by one {@linkcode migrate} call. */
export interface AppliedMigration {
  /** drizzle-kit's file name without `.sql`, e.g. `0000_great_lady_ursula`. */
  tag: string;
  /** SHA-256 of the SQL file, as drizzle records it. */
  hash: string;
  /** The journal's timestamp, as drizzle records it in `created_at`. */
  createdAt: number;
}

/**
 * Applies the pending migrations, in order, in one transaction; returns what it
 * applied (nothing when up to date).
 *
 * Bookkeeping matches drizzle's own migrator (`drizzle.__drizzle_migrations`;
 * a migration is pending when its journal timestamp is newer than the last
 * applied one), so drizzle-kit and this function agree on what was applied.
 */
export async function migrate(db: Database, options: MigrateOptions): Promise<AppliedMigration[]> {
  const migrations = readMigrationFiles({ migrationsFolder: options.migrationsFolder });
  const tags = await readTags(options.migrationsFolder);
  return await db.transaction(async (tx) => {
    // Taken first, before `create ... if not exists`, which is not safe under
    // concurrency on its own (two creators can both fail on a unique index).
    // Released at commit or rollback, so a crashed migrator never holds it.
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(MIGRATION_LOCK_KEY))})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`
      create table if not exists drizzle.__drizzle_migrations (
        id serial primary key,
        hash text not null,
        created_at bigint
      )
    `);
    const [{ last }] = await tx.select({ last: max(drizzleMigrations.createdAt) })
      .from(drizzleMigrations);
    const lastApplied = last ?? -1;
    const applied: AppliedMigration[] = [];
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue;
      for (const statement of migration.sql) {
        if (statement.trim() !== "") await tx.execute(sql.raw(statement));
      }
      await tx.insert(drizzleMigrations)
        .values({ hash: migration.hash, createdAt: migration.folderMillis });
      applied.push({
        tag: tags.get(migration.folderMillis) ?? String(migration.folderMillis),
        hash: migration.hash,
        createdAt: migration.folderMillis,
      });
    }
    return applied;
  });
}

/** Journal timestamp → tag, only to name migrations in reports. */
async function readTags(folder: string): Promise<Map<number, string>> {
  const journal: { entries: { when: number; tag: string }[] } = JSON.parse(
    await Deno.readTextFile(`${folder}/meta/_journal.json`),
  );
  return new Map(journal.entries.map((entry) => [entry.when, entry.tag]));
}
