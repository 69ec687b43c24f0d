import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { checkTree, maxProductLines } from "./check_architecture.ts";

/** Writes `files` (path → source) under a fresh temp dir and returns it. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "architecture-fixture-" });
  for (const [path, source] of Object.entries(files)) {
    await Deno.mkdir(join(root, dirname(path)), { recursive: true });
    await Deno.writeTextFile(join(root, path), source);
  }
  return root;
}

async function messagesOf(files: Record<string, string>): Promise<string[]> {
  const root = await tree(files);
  try {
    return (await checkTree(root)).map((violation) => `${violation.rule}: ${violation.message}`)
      .sort();
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const lines = (count: number) => "export const x = 1;\n".repeat(count);

/** Two workers that call each other through their clients, as auth and users do. */
const sound = {
  "workers/a/mod.ts": 'import { bClient } from "../b/client.ts";\nexport const a = bClient;\n',
  "workers/a/client.ts":
    'import type { A } from "./mod.ts";\nexport type AClient = A;\nexport const aClient = 1;\n',
  "workers/b/mod.ts": 'import { aClient } from "../a/client.ts";\nexport const b = aClient;\n',
  "workers/b/client.ts": 'import type { B } from "./mod.ts";\nexport const bClient = 2;\n',
  "workers/b/contracts.ts": "export const events = [];\n",
  "shared/util.ts": "export const util = 1;\n",
  "tests/b_test.ts": 'import { b } from "../workers/b/mod.ts";\nexport { events } from ' +
    '"../workers/b/contracts.ts";\nconsole.log(b);\n',
  "tests/support/long.ts": lines(maxProductLines + 50),
  "db/migrations/0001_init.ts": lines(maxProductLines + 50),
  "workers/b/catalog.generated.ts": lines(maxProductLines + 50),
  [`workers/b/exactly_${maxProductLines}.ts`]: lines(maxProductLines),
};

Deno.test("[tools] architecture check", async (t) => {
  await t.step("a sound tree passes (clients typed by their own app make no cycle)", async () => {
    assert.deepEqual(await messagesOf(sound), []);
  });

  await t.step(
    "an import of another worker's inner file fails, however it is written",
    async () => {
      const messages = await messagesOf({
        ...sound,
        "workers/a/service.ts": "export const service = 1;\n",
        "workers/b/static.ts":
          'import { service } from "../a/service.ts";\nconsole.log(service);\n',
        "workers/b/reexport.ts": 'export { service } from "../a/service.ts";\n',
        "workers/b/types.ts":
          'import type { service } from "../a/service.ts";\nlet s: typeof service;\n',
        "workers/b/dynamic.ts": 'export const load = () => import("../a/service.ts");\n',
        "workers/compose.ts": 'import "./a/service.ts";\n',
      });
      const why = "outside workers/a/ only mod.ts, main.ts, client.ts, contracts.ts, testing.ts";
      for (const from of ["b/static", "b/reexport", "b/types", "b/dynamic"]) {
        assert.ok(
          messages.includes(
            `boundary: workers/${from}.ts imports workers/a/service.ts: ${why} may be imported`,
          ),
          `${from}: ${messages.join("\n")}`,
        );
      }
      assert.ok(messages.some((m) => m.startsWith("boundary: workers/compose.ts imports")));
      assert.equal(messages.length, 5, messages.join("\n"));
    },
  );

  await t.step(
    "shared/ importing workers/ or tests/, and product code importing tests/, fail",
    async () => {
      const messages = await messagesOf({
        ...sound,
        "shared/peer.ts": 'import { b } from "../workers/b/mod.ts";\nconsole.log(b);\n',
        "shared/fixture.ts": 'import "../tests/support/long.ts";\n',
        "workers/a/testing.ts": 'import "../../tests/support/long.ts";\n',
      });
      assert.deepEqual(messages, [
        "boundary: shared/fixture.ts imports tests/support/long.ts: shared/ never imports workers/ or tests/",
        "boundary: shared/peer.ts imports workers/b/mod.ts: shared/ never imports workers/ or tests/",
        "boundary: workers/a/testing.ts imports tests/support/long.ts: only tests/ may import tests/",
      ]);
    },
  );

  await t.step("an import cycle fails and is named, type-only imports included", async () => {
    const messages = await messagesOf({
      ...sound,
      "workers/b/service.ts":
        'import { session } from "./session.ts";\nexport const s = session;\n',
      "workers/b/session.ts": 'import type { Deps } from "./deps.ts";\nexport const session = 1;\n',
      "workers/b/deps.ts": 'import type { s } from "./service.ts";\nexport type Deps = typeof s;\n',
    });
    assert.deepEqual(messages, [
      "cycle: import cycle: workers/b/deps.ts → workers/b/service.ts → workers/b/session.ts → workers/b/deps.ts",
    ]);
  });

  await t.step(
    "a product file over the limit fails; tests and generated files do not",
    async () => {
      const messages = await messagesOf({
        ...sound,
        "workers/b/long.ts": lines(maxProductLines + 1),
      });
      assert.deepEqual(messages, [
        `length: workers/b/long.ts has ${
          maxProductLines + 1
        } lines (a product file has at most ${maxProductLines})`,
      ]);
    },
  );
});
