/**
 * Applies a worker's drizzle-kit migrations (`db/migrations/<worker>`) to its
 * own schema, safely when many processes start at once: one transaction,
 * serialised per worker by a Postgres advisory lock. Each worker keeps its
 * own journal (`<worker>.__drizzle_migrations`), so workers migrate
 * independently — and concurrently, since their locks differ.
 *
 * Databases migrated before per-worker folders existed (one folder, one
 * journal in `drizzle.__drizzle_migrations`) already hold what each worker's
 * `NNNN_legacy_*` migrations create: those are recorded as applied there
 * without running, and only what came after runs.
 *
 * @module
 */
import { max, sql } from "drizzle-orm";
import { bigint, pgSchema, serial, text } from "drizzle-orm/pg-core";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { fileURLToPath } from "node:url";
import type { Database } from "./port.ts";
import { type DomainWorkerName, domainWorkerNames } from "../../runtime/workers.ts";

/** A worker that owns tables: every domain worker but metrics. */
export type SchemaOwner = Exclude<DomainWorkerName, "metrics">;

/** The workers that own tables, each in the Postgres schema of its name. */
export const schemaOwners: readonly SchemaOwner[] = domainWorkerNames.filter(
  (name): name is SchemaOwner => name !== "metrics",
);

/** Absolute path of `db/migrations/<worker>`, where drizzle-kit writes the worker's migrations. */
export function migrationsFolderOf(worker: SchemaOwner): string {
  return fileURLToPath(new URL(`../../../db/migrations/${worker}`, import.meta.url));
}

/**
 * First key of the advisory locks that serialise migrators (any constant
 * works if nothing else in the database uses it): "fit" as an int4. The
 * second key is the worker's schema name hashed by Postgres.
 */
const MIGRATION_LOCK_KEY = 0x66_69_74;

/** A worker's journal: drizzle's bookkeeping table, in the worker's own schema. */
const journalOf = (worker: SchemaOwner) =>
  pgSchema(worker).table("__drizzle_migrations", {
    id: serial().primaryKey(),
    hash: text().notNull(),
    createdAt: bigint("created_at", { mode: "number" }),
  });

/** The single journal of databases migrated before per-worker folders. */
const legacyJournal = pgSchema("drizzle").table("__drizzle_migrations", {
  createdAt: bigint("created_at", { mode: "number" }),
});

/** The journal timestamp of the last single-folder migration (`0011_erased_users`). */
const lastLegacyMigration = 1795811875657;

/** Tags of migrations that recreate what the single folder had created. */
const legacyTag = /^\d{4}_legacy_/;

/** Options of {@linkcode migrate}. */
export interface MigrateOptions {
  /** The worker whose schema and journal these are. */
  worker: SchemaOwner;
  /** A drizzle-kit output folder (with `meta/_journal.json`); the worker's own by default. */
  migrationsFolder?: string;
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
 * Applies `worker`'s pending migrations, in order, in one transaction;
 * returns what it applied (nothing when up to date; legacy migrations it only
 * recorded are not listed).
 *
 * Bookkeeping matches drizzle's own migrator (a migration is pending when its
 * journal timestamp is newer than the last applied one; drizzle-kit's
 * `migrations` setting in db/drizzle.config.ts names the same table), so
 * drizzle-kit and this function agree on what was applied.
 */
export async function migrate(db: Database, options: MigrateOptions): Promise<AppliedMigration[]> {
  const { worker } = options;
  const folder = options.migrationsFolder ?? migrationsFolderOf(worker);
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const tags = await readTags(folder);
  const journal = journalOf(worker);
  return await db.transaction(async (tx) => {
    // Taken first, before `create ... if not exists`, which is not safe under
    // concurrency on its own (two creators can both fail on a unique index).
    // Released at commit or rollback, so a crashed migrator never holds it.
    await tx.execute(
      sql`select pg_advisory_xact_lock(${
        sql.raw(String(MIGRATION_LOCK_KEY))
      }, hashtext(${worker}))`,
    );
    await tx.execute(sql`create schema if not exists ${sql.identifier(worker)}`);
    await tx.execute(sql`
      create table if not exists ${journal} (
        id serial primary key,
        hash text not null,
        created_at bigint
      )
    `);
    const [{ last }] = await tx.select({ last: max(journal.createdAt) }).from(journal);
    const adopting = last === null && await migratedBySingleFolder(tx, worker);
    const lastApplied = last ?? -1;
    const applied: AppliedMigration[] = [];
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue;
      const tag = tags.get(migration.folderMillis) ?? String(migration.folderMillis);
      const recordOnly = adopting && legacyTag.test(tag);
      if (!recordOnly) {
        for (const statement of migration.sql) {
          if (statement.trim() !== "") await tx.execute(sql.raw(statement));
        }
      }
      await tx.insert(journal).values({ hash: migration.hash, createdAt: migration.folderMillis });
      if (!recordOnly) {
        applied.push({ tag, hash: migration.hash, createdAt: migration.folderMillis });
      }
    }
    return applied;
  });
}

/**
 * Whether the single-folder migrations created `worker`'s tables: all of them
 * applied (their journal reached the last). Part of them cannot be adopted:
 * the legacy migrations here recreate the final state only.
 */
async function migratedBySingleFolder(tx: Database, worker: SchemaOwner): Promise<boolean> {
  const [{ exists }] = (await tx.execute<{ exists: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  )).rows;
  if (!exists) return false;
  const [{ last }] = await tx.select({ last: max(legacyJournal.createdAt) }).from(legacyJournal);
  if (last === null) return false;
  if (last < lastLegacyMigration) {
    throw new Error(
      `Cannot migrate ${worker}: this database was migrated by the single db/migrations folder, ` +
        "but not to its end: run `deno task db:migrate` from a commit before per-worker folders first",
    );
  }
  return true;
}

/** Journal timestamp → tag, only to name migrations in reports. */
async function readTags(folder: string): Promise<Map<number, string>> {
  const journal: { entries: { when: number; tag: string }[] } = JSON.parse(
    await Deno.readTextFile(`${folder}/meta/_journal.json`),
  );
  return new Map(journal.entries.map((entry) => [entry.when, entry.tag]));
}
