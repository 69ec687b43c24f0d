/**
 * The production build, checked: the initial JavaScript (the entry chunk and everything it
 * imports statically) is at most 150 KB gzip; admin and charts stay out of it; the HTML runs
 * under a strict CSP (no inline script or style, nothing from another origin).
 *
 * Builds into a scratch directory, so it never races a developer's `dist/`.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  initialChunks,
  initialJsBudgetBytes,
  measureInitialJs,
  readManifest,
} from "./initial_js.ts";
import { buildWeb } from "./vite.ts";

Deno.test({
  name: "web build: initial JS ≤ 150 KB gzip, admin and charts load on demand, CSP-clean HTML",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const outDir = await Deno.makeTempDir({ prefix: "fitconnect-web-" });
    try {
      await buildWeb(outDir, "silent");
      const manifest = await readManifest(outDir);
      const initial = initialChunks(manifest);
      assert.ok(initial.length > 0, "an entry chunk");
      const { gzipBytes, chunks } = await measureInitialJs(outDir, manifest);
      const sizes = chunks.map((chunk) =>
        `${chunk.file}: ${(chunk.gzipBytes / 1024).toFixed(1)} KB`
      );
      assert.ok(
        gzipBytes <= initialJsBudgetBytes,
        `initial JS is ${(gzipBytes / 1024).toFixed(1)} KB gzip, over 150 KB:\n${sizes.join("\n")}`,
      );

      const initialSources = initial.map((chunk) => chunk.src ?? "");
      for (const lazy of ["src/screens/Admin.tsx", "src/screens/Progress.tsx"]) {
        assert.ok(manifest[lazy], `${lazy} is a chunk of its own`);
        assert.ok(!initialSources.includes(lazy), `${lazy} is not loaded at start`);
      }

      // Hashed file names (long-lived caching).
      for (const chunk of Object.values(manifest)) {
        assert.match(chunk.file, /^assets\/.+-[\w-]{8}\.(js|css)$/, chunk.file);
      }

      const html = await Deno.readTextFile(`${outDir}/index.html`);
      for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        assert.match(script[1], /\bsrc="\/assets\//, `external, same-origin script: ${script[0]}`);
        assert.equal(script[2].trim(), "", "no inline script");
      }
      assert.doesNotMatch(html, /<style\b|\sstyle="/, "no inline style");
      assert.doesNotMatch(html, /\s(?:src|href)="(?:https?:)?\/\//, "nothing from another origin");
      for (const chunk of Object.values(manifest)) {
        for (const css of chunk.css ?? []) {
          const text = await Deno.readTextFile(`${outDir}/${css}`);
          assert.doesNotMatch(text, /@import|url\(\s*["']?(?:https?:)?\/\//, `${css}: same origin`);
        }
      }
    } finally {
      await Deno.remove(outDir, { recursive: true });
    }
  },
});
