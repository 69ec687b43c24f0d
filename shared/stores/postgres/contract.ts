/**
 * The Postgres store contract: one suite of steps that every adapter must pass
 * (PGlite always, Neon against a real PostgreSQL when configured), in the
 * spirit of drizzle's own per-driver integration suite.
 *
 * @module
 */
import assert from "node:assert/strict";
import { count, eq, sql } from "drizzle-orm";
import { bigint, pgSchema, pgTable, serial, text } from "drizzle-orm/pg-core";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate, migrationsFolderOf, type SchemaOwner, schemaOwners } from "./migrate.ts";
import type { PostgresStore } from "./port.ts";
import { sqlState } from "./sql_state.ts";

const schemata = pgSchema("information_schema").table("schemata", {
  schemaName: text("schema_name").notNull(),
});

/** Each worker's journal, in its own schema. */
const journalOf = (worker: SchemaOwner) =>
  pgSchema(worker).table("__drizzle_migrations", {
    hash: text().notNull(),
    createdAt: bigint("created_at", { mode: "number" }),
  });

/** A copy of `worker`'s migrations folder with its `NNNN_legacy_*` migrations alone. */
async function legacyFolderOf(worker: SchemaOwner): Promise<{ folder: string; count: number }> {
  const source = migrationsFolderOf(worker);
  const journal = JSON.parse(await Deno.readTextFile(`${source}/meta/_journal.json`));
  const entries = journal.entries.filter((entry: { tag: string }) =>
    /^\d{4}_legacy_/.test(entry.tag)
  );
  const folder = await Deno.makeTempDir({ prefix: `legacy-${worker}-` });
  await Deno.mkdir(`${folder}/meta`);
  await Deno.writeTextFile(`${folder}/meta/_journal.json`, JSON.stringify({ ...journal, entries }));
  for (const { tag } of entries) {
    await Deno.copyFile(`${source}/${tag}.sql`, `${folder}/${tag}.sql`);
  }
  return { folder, count: entries.length };
}

/** What each worker's folder holds. */
const expectedOf = (worker: SchemaOwner) =>
  readMigrationFiles({ migrationsFolder: migrationsFolderOf(worker) });

/** How many migrations `worker`'s journal records. */
async function journalled(db: PostgresStore["db"], worker: SchemaOwner): Promise<number> {
  const [{ total }] = await db.select({ total: count() }).from(journalOf(worker));
  return total;
}

/**
 * Runs the contract. `open` must return a store on an empty throwaway database
 * (nothing migrated yet): the suite migrates it concurrently itself, writes to
 * it, and closes it at the end.
 */
export async function postgresContract(
  t: Deno.TestContext,
  open: () => Promise<PostgresStore>,
): Promise<void> {
  const store = await open();
  const { db } = store;
  // A table of its own, unique per run, so the suite never touches real data.
  const items = pgTable(`contract_items_${crypto.randomUUID().slice(0, 8)}`, {
    id: serial().primaryKey(),
    key: text().notNull().unique(),
  });
  try {
    await t.step("ping round-trips", async () => {
      await store.ping();
    });

    await t.step(
      "concurrent migrate calls of every worker apply each migration exactly once",
      async () => {
        const results = await Promise.all(
          schemaOwners.flatMap((worker) =>
            Array.from(
              { length: 5 },
              async () => ({ worker, applied: await migrate(db, { worker }) }),
            )
          ),
        );
        for (const worker of schemaOwners) {
          const applied = results.filter((result) => result.worker === worker)
            .flatMap((result) => result.applied.map((migration) => migration.hash));
          assert.deepEqual(applied, expectedOf(worker).map((migration) => migration.hash));
          assert.equal(await journalled(db, worker), expectedOf(worker).length);
        }
      },
    );

    await t.step("migrations applied: each worker's schema exists", async () => {
      const rows = await db.select().from(schemata);
      const names = new Set(rows.map((row) => row.schemaName));
      for (const schema of schemaOwners) assert.ok(names.has(schema), `schema ${schema} missing`);
    });

    await t.step("migrate again is a no-op", async () => {
      for (const worker of schemaOwners) {
        assert.deepEqual(await migrate(db, { worker }), []);
        assert.equal(await journalled(db, worker), expectedOf(worker).length);
      }
    });

    await t.step(
      "a database the single folder migrated: legacy migrations are recorded, not run",
      async () => {
        // The tables exist (as the single folder left them), the worker's journal does not.
        await db.execute(sql`create schema if not exists drizzle`);
        await db.execute(sql`
          create table if not exists drizzle.__drizzle_migrations
            (id serial primary key, hash text not null, created_at bigint)
        `);
        await db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at)
          values ('legacy', 1795811875657)`);
        for (const worker of schemaOwners) {
          const legacy = await legacyFolderOf(worker);
          try {
            await db.execute(sql`drop table ${journalOf(worker)}`);
            // Running a legacy migration again would fail here: its tables exist.
            assert.deepEqual(await migrate(db, { worker, migrationsFolder: legacy.folder }), []);
            assert.equal(await journalled(db, worker), legacy.count);
          } finally {
            await Deno.remove(legacy.folder, { recursive: true });
          }
          // What came after is applied already here: journal it as the migrator would have.
          for (const migration of expectedOf(worker).slice(legacy.count)) {
            await db.insert(journalOf(worker))
              .values({ hash: migration.hash, createdAt: migration.folderMillis });
          }
        }
        await db.execute(sql`drop schema drizzle cascade`);
        for (const worker of schemaOwners) assert.deepEqual(await migrate(db, { worker }), []);
      },
    );

    await t.step("setup: create a scratch table", async () => {
      await db.execute(sql`
        create table ${items} (id serial primary key, key text not null unique)
      `);
    });

    await t.step("a transaction commits", async () => {
      await db.transaction(async (tx) => {
        await tx.insert(items).values({ key: "committed" });
        // A transaction reads its own writes.
        assert.equal((await tx.select().from(items).where(eq(items.key, "committed"))).length, 1);
      });
      assert.equal((await db.select().from(items).where(eq(items.key, "committed"))).length, 1);
    });

    await t.step("a transaction rolls back on error and on tx.rollback()", async () => {
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.insert(items).values({ key: "thrown" });
          throw new Error("boom");
        }),
        /boom/,
      );
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.insert(items).values({ key: "rolled back" });
          tx.rollback();
        }),
      );
      const rows = await db.select().from(items);
      assert.deepEqual(rows.map((row) => row.key), ["committed"]);
    });

    await t.step("a unique constraint rejects concurrent duplicate inserts", async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => db.insert(items).values({ key: "duplicate" })),
      );
      const rejected = results.filter((result) => result.status === "rejected");
      assert.equal(rejected.length, 19);
      for (const result of rejected) assert.equal(sqlState(result.reason), "23505");
      const [{ total }] = await db.select({ total: count() }).from(items)
        .where(eq(items.key, "duplicate"));
      assert.equal(total, 1);
    });

    await t.step("teardown: drop the scratch table", async () => {
      await db.execute(sql`drop table ${items}`);
    });
  } finally {
    await store.close();
  }
}
