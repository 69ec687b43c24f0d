/**
 * The Postgres store contract: one suite of steps that every adapter must pass
 * (PGlite always, Neon against a real PostgreSQL when configured), in the
 * spirit of drizzle's own per-driver integration suite.
 *
 * @module
 */
import assert from "node:assert/strict";
import { count, eq, sql } from "drizzle-orm";
import { pgSchema, pgTable, serial, text } from "drizzle-orm/pg-core";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate, migrationsFolder } from "./migrate.ts";
import type { PostgresStore } from "./port.ts";

/** The schemas that the migrations must create: one per domain. */
export const domainSchemas = [
  "auth",
  "users",
  "workouts",
  "notifications",
  "analytics",
  "inventory",
  "payments",
] as const;

const schemata = pgSchema("information_schema").table("schemata", {
  schemaName: text("schema_name").notNull(),
});

const drizzleMigrations = pgSchema("drizzle").table("__drizzle_migrations", {
  hash: text().notNull(),
});

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
  const expected = readMigrationFiles({ migrationsFolder });
  // A table of its own, unique per run, so the suite never touches real data.
  const items = pgTable(`contract_items_${crypto.randomUUID().slice(0, 8)}`, {
    id: serial().primaryKey(),
    key: text().notNull().unique(),
  });
  try {
    await t.step("ping round-trips", async () => {
      await store.ping();
    });

    await t.step("concurrent migrate calls apply each migration exactly once", async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, () => migrate(db, { migrationsFolder })),
      );
      const applied = results.flat().map((migration) => migration.hash);
      assert.deepEqual(applied, expected.map((migration) => migration.hash));
      const [{ total }] = await db.select({ total: count() }).from(drizzleMigrations);
      assert.equal(total, expected.length);
    });

    await t.step("migrations applied: each domain schema exists", async () => {
      const rows = await db.select().from(schemata);
      const names = new Set(rows.map((row) => row.schemaName));
      for (const schema of domainSchemas) assert.ok(names.has(schema), `schema ${schema} missing`);
    });

    await t.step("migrate again is a no-op", async () => {
      assert.deepEqual(await migrate(db, { migrationsFolder }), []);
      assert.deepEqual(await migrate(db, { migrationsFolder }), []);
      const [{ total }] = await db.select({ total: count() }).from(drizzleMigrations);
      assert.equal(total, expected.length);
    });

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
      for (const result of rejected) assert.equal(pgErrorCode(result.reason), "23505");
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

/** The SQLSTATE of a driver error, looking through drizzle's wrapping `cause`. */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if ("code" in e && typeof e.code === "string") return e.code;
  }
  return undefined;
}
