/**
 * What `deno task start` installs: the platform runs under workers/deno.runtime.json (its own
 * lockfile, no node_modules) and the web app builds under clients/web/deno.build.json (Vite and
 * the app's packages only), so a fresh clone fetches what the platform needs, not the
 * repository's development tools (drizzle-kit, Playwright, the SMTP test server, TypeScript…).
 *
 * The two configurations repeat pins of the development ones: these tests keep them equal, and
 * prove that every deployable entry point resolves under the runtime configuration alone.
 */
import assert from "node:assert/strict";

const root = new URL("../", import.meta.url);
const readJson = async (path: string) =>
  JSON.parse(await Deno.readTextFile(new URL(path, root))) as { imports: Record<string, string> };

/** Packages only development and tests use: none may reach the platform's module graph. */
const developmentOnly = [
  "drizzle-kit",
  "playwright-core",
  "@axe-core/playwright",
  "smtp-server",
  "vite",
  "typescript",
  "esbuild",
  "openapi-typescript",
  "@redocly/openapi-core",
  "@grafana/grafana-foundation-sdk",
];

Deno.test("[config] the runtime and web-build configurations pin what the development ones pin", async () => {
  const development = await readJson("deno.json");
  const runtime = await readJson("workers/deno.runtime.json");
  for (const [name, specifier] of Object.entries(runtime.imports)) {
    assert.equal(specifier, development.imports[name], `workers/deno.runtime.json: ${name}`);
  }
  const web = await readJson("clients/web/deno.json");
  const build = await readJson("clients/web/deno.build.json");
  for (const [name, specifier] of Object.entries(build.imports)) {
    assert.equal(specifier, web.imports[name], `clients/web/deno.build.json: ${name}`);
  }
});

/** `@scope/name` or `name` of a resolved id such as `vite@8.3.8_@types+node@24.19.4`. */
const packageName = (id: string) => id.match(/^(@[^/]+\/[^@]+|[^@]+)/)![1];

const entryPoints = [
  "workers/embedded.ts",
  "workers/split.ts",
  ...[...Deno.readDirSync(new URL("workers/", root))]
    .filter((entry) =>
      entry.isDirectory && Deno.statSync(new URL(`workers/${entry.name}/main.ts`, root)).isFile
    )
    .map((entry) => `workers/${entry.name}/main.ts`)
    .sort(),
];

Deno.test("[config] every worker's entry point resolves under the runtime configuration alone", async (t) => {
  for (const entry of entryPoints) {
    await t.step(entry, async () => {
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["info", "--json", "--config=workers/deno.runtime.json", entry],
        cwd: root,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.ok(output.success, new TextDecoder().decode(output.stderr));
      const graph = JSON.parse(new TextDecoder().decode(output.stdout)) as {
        modules: { specifier: string; error?: string }[];
        npmPackages: Record<string, unknown>;
      };
      assert.deepEqual(graph.modules.filter((module) => module.error), []);
      const packages = Object.keys(graph.npmPackages).map(packageName);
      assert.deepEqual(packages.filter((name) => developmentOnly.includes(name)), []);
    });
  }
});
