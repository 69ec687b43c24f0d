/**
 * A worker owns its tables at run time: booted alone (shared/runtime/boot.ts
 * opens its stores with `migrate: [worker]`), it migrates its own schema and
 * no other, from its own folder and journal.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createLogger } from "../logging/logger.ts";
import { schemaOwners } from "../stores/postgres/migrate.ts";
import { openPlatformStores } from "./stores.ts";

Deno.test("[stores] a worker opening its stores migrates only its own schema", async () => {
  const stores = await openPlatformStores(
    { migrate: ["inventory"] },
    createLogger({ level: "silent" }),
  );
  try {
    const owners = sql.join(schemaOwners.map((owner) => sql`${owner}`), sql`, `);
    const { rows } = await stores.postgres.db.execute<{ schema: string }>(sql`
      select schema_name as schema from information_schema.schemata
      where schema_name in (${owners})
    `);
    assert.deepEqual(rows.map((row) => row.schema), ["inventory"]);
    const { rows: [journal] } = await stores.postgres.db.execute<{ n: number }>(
      sql`select count(*)::int as n from inventory.__drizzle_migrations`,
    );
    assert.ok(journal.n > 0, "inventory's own journal records its migrations");
  } finally {
    await stores.close();
  }
});
