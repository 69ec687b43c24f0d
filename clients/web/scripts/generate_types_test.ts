import assert from "node:assert/strict";
import { staleFiles } from "./generate_types.ts";

Deno.test("the committed GraphQL types are generated from the gateway's current schema", async () => {
  const stale = await staleFiles();
  assert.deepEqual(
    stale,
    [],
    `the schema or an operation changed: run \`deno task web:types\` and commit ${
      stale.join(", ")
    }`,
  );
});
