/**
 * drizzle-kit configuration of one worker's migrations: each worker declares
 * its tables in `workers/<worker>/tables.ts`, in the Postgres schema of its
 * name, and its migrations are generated into `db/migrations/<worker>` with
 * their own journal, so every worker migrates its own schema alone
 * (shared/stores/postgres/migrate.ts). The worker is named by
 * `FITCONNECT_MIGRATIONS_WORKER`; `deno task db:generate` (./generate.ts) sets
 * it for each worker in turn. Paths are relative to the repo root, where
 * drizzle-kit is run.
 *
 * @module
 */
import process from "node:process";
import { defineConfig } from "drizzle-kit";
import { schemaOwners } from "../shared/stores/postgres/migrate.ts";

const worker = schemaOwners.find((name) => name === process.env.FITCONNECT_MIGRATIONS_WORKER);
if (worker === undefined) {
  throw new Error(
    `Cannot configure drizzle-kit: set FITCONNECT_MIGRATIONS_WORKER to one of ${
      schemaOwners.join(", ")
    } (or run \`deno task db:generate\`)`,
  );
}

export default defineConfig({
  dialect: "postgresql",
  schema: `./workers/${worker}/tables.ts`,
  schemaFilter: [worker],
  out: `./db/migrations/${worker}`,
  // The journal the platform's migrator keeps, in the worker's own schema.
  migrations: { schema: worker, table: "__drizzle_migrations" },
});
