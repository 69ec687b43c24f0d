/**
 * The Neon adapter when the connection fails: the process survives, the
 * failure is a StoreUnavailableError (the server's own answers are not), and
 * the pool reconnects when the store is back. The proxy runs in this process
 * so the test can cut it at exact points.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { startNeonWsProxy } from "../../../tools/neon_ws_proxy.ts";
import { needsService, testServices } from "../../testing/services.ts";
import { findStoreUnavailable } from "../unavailable.ts";
import { sqlState } from "./sql_state.ts";
import { openNeon } from "./neon.ts";
import { Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { hardenPool } from "./neon_pool.ts";

const { databaseUrl } = testServices();

Deno.test(
  needsService("[postgres] Neon driver when the connection fails", !!databaseUrl, "DATABASE_URL"),
  async (t) => {
    let proxy = startNeonWsProxy({ port: 0 });
    const port = proxy.port;
    const store = await openNeon({ url: databaseUrl!, wsProxy: `127.0.0.1:${port}` });
    const select = async (n: number) =>
      await store.db.execute<{ n: number }>(sql`select ${n}::int as n`);
    try {
      await t.step("the server's refusal of a query keeps its SQLSTATE", async () => {
        const error = await store.db.execute(sql`select 1 / 0`).catch((e) => e);
        assert.equal(sqlState(error), "22012");
        assert.equal(findStoreUnavailable(error), undefined);
      });

      await t.step("dropped inside a transaction: a typed error, not a crash", async () => {
        const error = await store.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          // The connection is checked out and idle between two queries of the transaction.
          await proxy.shutdown();
          await new Promise((resolve) => setTimeout(resolve, 100));
          await tx.execute(sql`select 2`);
        }).catch((e) => e);
        assert.ok(findStoreUnavailable(error), String(error));
      });

      await t.step("unreachable: every query fails at once with a typed error", async () => {
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          const error = await select(i).catch((e) => e);
          assert.equal(findStoreUnavailable(error)?.store, "postgres");
          assert.ok(performance.now() - started < 500);
        }
        const error = await store.db.transaction(() => Promise.resolve()).catch((e) => e);
        assert.ok(findStoreUnavailable(error), "connecting for a transaction fails typed too");
      });

      await t.step("back: the pool reconnects by itself", async () => {
        proxy = startNeonWsProxy({ port });
        const rows = await select(42);
        assert.deepEqual(rows.rows, [{ n: 42 }]);
      });

      await t.step("dropped while idle in the pool: the next query reconnects", async () => {
        await select(1);
        await proxy.shutdown();
        await new Promise((resolve) => setTimeout(resolve, 100));
        proxy = startNeonWsProxy({ port });
        assert.deepEqual((await select(7)).rows, [{ n: 7 }]);
      });
    } finally {
      await store.close();
      await proxy.shutdown();
    }
  },
);

Deno.test(
  needsService(
    "[postgres] a transaction whose connection breaks gives the connection back",
    !!databaseUrl,
    "DATABASE_URL",
  ),
  async () => {
    let proxy = startNeonWsProxy({ port: 0 });
    const port = proxy.port;
    // One connection: a single one kept checked out would stall every later query.
    const pool = new Pool({
      connectionString: databaseUrl,
      max: 1,
      connectionTimeoutMillis: 1_000,
    });
    hardenPool(pool, `127.0.0.1:${port}`);
    const db = drizzle({ client: pool });
    try {
      await db.execute(sql`select 1`);
      // Break the connection the moment a transaction checks it out, before drizzle's `begin`,
      // which it sends outside the block that releases the connection.
      let cut = false;
      pool.once("acquire", () => {
        cut = true;
        proxy.shutdown();
      });
      const error = await db.transaction(async () => {}).catch((e) => e);
      assert.ok(cut);
      assert.ok(findStoreUnavailable(error), String(error));
      proxy = startNeonWsProxy({ port });
      const started = performance.now();
      await db.execute(sql`select 1`);
      assert.ok(performance.now() - started < 500, "the pool's only connection was free");
      assert.equal(pool.totalCount, 1);
    } finally {
      // A connection kept checked out would make `end` wait for ever: the test fails instead.
      await Promise.race([pool.end(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      await proxy.shutdown();
    }
  },
);
