/**
 * drizzle-kit configuration: every domain declares its tables in
 * `workers/<domain>/tables.ts`; migrations are generated into `db/migrations`.
 * Paths are relative to the repo root, where drizzle-kit is run:
 * `deno run -A npm:drizzle-kit generate --config db/drizzle.config.ts`.
 *
 * @module
 */
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./workers/*/tables.ts",
  out: "./db/migrations",
});
