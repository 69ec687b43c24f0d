/**
 * `deno task db:generate [worker…] [-- drizzle-kit options]`: runs
 * `drizzle-kit generate` for each worker that owns tables (or the ones
 * named), each into its own `db/migrations/<worker>` (./drizzle.config.ts).
 * A worker whose tables did not change gets no new migration.
 *
 * ```sh
 * deno task db:generate                                  # every worker
 * deno task db:generate payments -- --custom --name seed # an empty SQL file to fill
 * ```
 *
 * @module
 */
import { type SchemaOwner, schemaOwners } from "../shared/stores/postgres/migrate.ts";

if (import.meta.main) {
  const split = Deno.args.indexOf("--");
  const names = split === -1 ? Deno.args : Deno.args.slice(0, split);
  const options = split === -1 ? [] : Deno.args.slice(split + 1);
  const unknown = names.filter((name) => !schemaOwners.includes(name as SchemaOwner));
  if (unknown.length > 0) {
    console.error(
      `Unknown worker(s) ${unknown.join(", ")}: choose from ${schemaOwners.join(", ")}`,
    );
    Deno.exit(2);
  }
  for (const worker of names.length > 0 ? names : schemaOwners) {
    console.log(`drizzle-kit generate: ${worker}`);
    const { success } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "npm:drizzle-kit",
        "generate",
        "--config",
        "db/drizzle.config.ts",
        ...options,
      ],
      env: { FITCONNECT_MIGRATIONS_WORKER: worker },
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (!success) Deno.exit(1);
  }
}
