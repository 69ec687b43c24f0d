/**
 * Vite configuration of the web app, run by Deno (`deno task web:build`, `deno task web:dev`).
 *
 * The output must satisfy a strict Content-Security-Policy (`script-src 'self'`): no inline
 * scripts or styles, no data: URLs, nothing from another origin.
 *
 * @module
 */
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const root = import.meta.dirname ?? ".";
const sharedDir = `${root}/../shared`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^$|()[\]{}\\/]/g, "\\$&");
}

/**
 * `@fitconnect/clients-shared/<entry>` as Deno resolves it (the workspace member's `exports`),
 * so the app and `deno check` agree on one map.
 */
function sharedAliases() {
  const { name, exports } = JSON.parse(Deno.readTextFileSync(`${sharedDir}/deno.json`)) as {
    name: string;
    exports: Record<string, string>;
  };
  return Object.entries(exports).map(([entry, file]) => ({
    find: new RegExp(`^${escapeRegExp(name + entry.slice(1))}$`),
    replacement: `${sharedDir}/${file.slice(2)}`,
  }));
}
const api = Deno.env.get("FITCONNECT_API_URL") ?? "http://localhost:8000";
const proxied = ["/v1", "/graphql", "/health", "/.well-known"];

export default defineConfig({
  root,
  // Pre-bundled dependencies go under the repository's (ignored) node_modules, not next to
  // the sources where fmt, lint and check would find them.
  cacheDir: `${root}/../../node_modules/.vite/web`,
  plugins: [react()],
  resolve: {
    alias: sharedAliases(),
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    // Every asset is a file of its own: a CSP without `data:` still loads it.
    assetsInlineLimit: 0,
    target: "es2022",
    sourcemap: false,
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: false }])),
  },
  preview: {
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: false }])),
  },
});
