/**
 * An empty Vite app, built with the same Vite as the web app: the baseline of the bench's
 * time-to-interactive ratio (tools/bench/web.ts). One module that renders a heading into
 * `main`, so the probe that waits for the dashboard's content has something to wait for, and
 * nothing else: what is left is the cost of a page, a script and a render on this machine.
 *
 * Lives here, not under tools/, because this is where `vite` resolves (clients/web/deno.json).
 *
 * @module
 */
import { build } from "vite";

const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Empty</title>
  </head>
  <body>
    <main></main>
    <script type="module" src="/main.js"></script>
  </body>
</html>
`;

const script = `const title = document.createElement("h1");
title.textContent = "Empty";
document.querySelector("main").append(title);
`;

/** Writes the empty app's sources under `dir` and builds them into `dir/dist`; returns that. */
export async function buildEmptyApp(dir: string): Promise<string> {
  await Deno.writeTextFile(`${dir}/index.html`, html);
  await Deno.writeTextFile(`${dir}/main.js`, script);
  const outDir = `${dir}/dist`;
  await build({
    root: dir,
    configFile: false,
    logLevel: "silent",
    cacheDir: `${dir}/.vite-cache`,
    build: { outDir, emptyOutDir: true, manifest: true, target: "es2022" },
  });
  return outDir;
}
