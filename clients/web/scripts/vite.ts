/**
 * Runs the pinned Vite (clients/web/deno.json) on the web app:
 *
 * ```sh
 * deno task web:build            # → clients/web/dist (hashed assets, .vite/manifest.json)
 * deno task web:dev              # dev server, API paths proxied to FITCONNECT_API_URL (:8000)
 * deno task web:build --outDir /tmp/x   # somewhere else (the budget test does this)
 * deno task web:build --quiet    # without Vite's report (what `deno task start` runs when stale)
 * ```
 *
 * A build stamps its output with the hash of its inputs (./build_stamp.ts), so `deno task start`
 * knows whether `dist` is current.
 *
 * @module
 */
import { build, createServer } from "vite";
import { webInputsHash, writeBuildStamp } from "./build_stamp.ts";

const root = new URL("..", import.meta.url).pathname;

/** Builds the app into `outDir` (relative to clients/web, or absolute). */
export async function buildWeb(outDir = "dist", logLevel: "info" | "silent" = "info") {
  // Hashed before the build: an edit made while it runs leaves the stamp stale, as it is.
  const inputs = await webInputsHash();
  await build({ root, configFile: `${root}vite.config.ts`, logLevel, build: { outDir } });
  await writeBuildStamp(outDir.startsWith("/") ? outDir : `${root}${outDir}`, inputs);
}

if (import.meta.main) {
  const [command, ...rest] = Deno.args;
  const flag = (name: string) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  if (command === "build") {
    await buildWeb(flag("--outDir"), rest.includes("--quiet") ? "silent" : "info");
  } else if (command === "dev") {
    const port = flag("--port");
    const server = await createServer({
      root,
      configFile: `${root}vite.config.ts`,
      server: port ? { port: Number(port) } : {},
    });
    await server.listen();
    server.printUrls();
    server.bindCLIShortcuts({ print: true });
  } else {
    console.error("usage: vite.ts build [--outDir dir] [--quiet] | dev [--port n]");
    Deno.exit(2);
  }
}
