import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createScratchDatabase } from "../../testing/scratch_database.ts";
import { needsService, testServices } from "../../testing/services.ts";
import { postgresContract } from "./contract.ts";
import { openPostgres } from "./mod.ts";
import { openNeon } from "./neon.ts";
import { openPglite } from "./pglite.ts";

const { databaseUrl, neonWsProxy } = testServices();

Deno.test("[postgres] PGlite in memory", async (t) => {
  await postgresContract(t, () => openPglite({}));
});

Deno.test("[postgres] PGlite persisted", async (t) => {
  const dataDir = await Deno.makeTempDir({ prefix: "fitconnect_pglite_" });
  try {
    // A missing parent proves openPglite creates it.
    await postgresContract(t, () => openPglite({ dataDir: `${dataDir}/contract/pglite` }));

    await t.step("openPostgres: data survives close and reopen", async () => {
      const first = await openPostgres({ dataDir });
      await first.db.execute(sql`create table kept (note text)`);
      await first.db.execute(sql`insert into kept values ('still here')`);
      await first.close();

      const applied: string[] = [];
      const second = await openPostgres({ dataDir }, {
        onMigrated: (migrations) => applied.push(...migrations.map((m) => m.tag)),
      });
      try {
        const rows = await second.db.select({ note: sql<string>`note` }).from(sql`kept`);
        assert.deepEqual(rows, [{ note: "still here" }]);
        assert.deepEqual(applied, [], "reopening must not re-apply migrations");
      } finally {
        await second.close();
      }
    });
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test(
  needsService(
    "[postgres] Neon driver against a real PostgreSQL",
    databaseUrl !== undefined && neonWsProxy !== undefined,
    "DATABASE_URL and NEON_WS_PROXY",
  ),
  async (t) => {
    const wsProxy = neonWsProxy!;
    const scratch = await createScratchDatabase(databaseUrl!, wsProxy);
    try {
      await postgresContract(t, () => openNeon({ url: scratch.url, wsProxy }));

      await t.step("openPostgres picks Neon and finds migrations applied", async () => {
        const applied: string[] = [];
        const store = await openPostgres({ databaseUrl: scratch.url, neonWsProxy: wsProxy }, {
          onMigrated: (migrations) => applied.push(...migrations.map((m) => m.tag)),
        });
        try {
          assert.equal(store.kind, "neon");
          await store.ping();
          assert.deepEqual(applied, []);
        } finally {
          await store.close();
        }
      });
    } finally {
      await scratch.drop();
    }
  },
);
