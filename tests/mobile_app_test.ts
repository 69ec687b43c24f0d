/**
 * The mobile app's type check and Jest suites (clients/mobile: unit, and integration against the real
 * platform its global setup starts) as part of `deno task test`. Installs the app's npm
 * dependencies first (`npm ci`) when `node_modules` is missing or older than the lockfile.
 *
 * @module
 */
import assert from "node:assert/strict";

const app = new URL("../clients/mobile/", import.meta.url).pathname;

async function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await new Deno.Command(command, {
    args,
    cwd: app,
    env: { CI: "true" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code, output: `${decoder.decode(stdout)}\n${decoder.decode(stderr)}` };
}

function modifiedAt(path: string): number {
  try {
    return Deno.statSync(path).mtime?.getTime() ?? 0;
  } catch {
    return 0;
  }
}

/** `npm ci` writes node_modules/.package-lock.json: older than package-lock.json means stale. */
async function ensureDependencies() {
  const installed = modifiedAt(`${app}node_modules/.package-lock.json`);
  if (installed >= modifiedAt(`${app}package-lock.json`)) return;
  const { code, output } = await run("npm", ["ci", "--no-audit", "--no-fund"]);
  assert.equal(code, 0, `npm ci failed in clients/mobile:\n${output}`);
}

Deno.test({
  name: "[mobile] TypeScript: the app and the clients/shared code it compiles",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await ensureDependencies();
    const { code, output } = await run("npx", ["tsc", "--noEmit", "-p", "."]);
    assert.equal(code, 0, `tsc failed:\n${output.slice(-30_000)}`);
  },
});

Deno.test({
  name: "[mobile] jest: unit and integration suites",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await ensureDependencies();
    const { code, output } = await run("npx", ["jest", "--ci"]);
    assert.equal(code, 0, `jest failed:\n${output.slice(-30_000)}`);
  },
});
