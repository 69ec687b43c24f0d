/**
 * The docs pages in a real browser (Chromium through playwright-core): the
 * API reference at `/docs` and GraphiQL at `/graphql` render from this
 * origin alone — every request the page makes is recorded, and one to any
 * other origin fails, as does a CSP violation or an uncaught error. The SDL
 * is served beside GraphiQL, and neither exists where introspection is off.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { chromiumMissing, launchBrowser } from "./support/browser.ts";
import { listenEmbedded } from "./support/security_target.ts";

const missing = chromiumMissing();
const ci = Deno.env.get("CI") === "true";

/** Opens `path` and records what no docs page may do. */
async function visit(page: Page, origin: string, path: string, problems: string[]) {
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(url)) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  const response = await page.goto(`${origin}${path}`, { waitUntil: "load" });
  return response;
}

Deno.test({
  name: "[docs] /docs and GraphiQL render from this origin only",
  ignore: !!missing && !ci,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    if (missing) throw new Error(`Chromium is required with CI=true: ${missing}`);
    const [target, browser] = await Promise.all([
      listenEmbedded({ introspection: true }),
      launchBrowser(),
    ]);
    try {
      await t.step("/docs shows the reference", async () => {
        const problems: string[] = [];
        const page = await browser.newPage();
        const response = await visit(page, target.url, "/docs", problems);
        assert.equal(response?.status(), 200);
        const policy = response?.headers()["content-security-policy"] ?? "";
        assert.match(policy, /script-src 'self' 'nonce-/);
        assert.doesNotMatch(policy, /https?:/, "the policy names no other origin");
        // The first group is open; the others list their tags.
        await page.getByText("Create an account").first().waitFor({ timeout: 60_000 });
        await page.getByText("FitConnect API").first().waitFor();
        await page.getByText("Sessions").first().waitFor();
        // "load", not "networkidle": the reference keeps a request open on a busy machine, and
        // every request it made so far has been seen by the origin check either way.
        await page.waitForLoadState("load");
        assert.deepEqual(problems, []);
        await page.close();
      });

      await t.step("GraphiQL at /graphql for a browser, with the SDL beside it", async () => {
        const problems: string[] = [];
        const page = await browser.newPage();
        const response = await visit(page, target.url, "/graphql", problems);
        assert.equal(response?.status(), 200);
        assert.match(response?.headers()["content-type"] ?? "", /^text\/html/);
        await page.locator(".graphiql-container").first().waitFor({ timeout: 60_000 });
        await page.waitForLoadState("networkidle");
        assert.deepEqual(problems, []);
        await page.close();

        const sdl = await target.request("/graphql/schema.graphql");
        assert.equal(sdl.status, 200);
        assert.match(sdl.headers.get("content-type") ?? "", /^text\/plain/);
        assert.match(await sdl.text(), /type Query \{/);
      });
    } finally {
      await browser.close().catch(() => {});
      await target.close();
    }

    await t.step("no GraphiQL and no SDL where introspection is off", async () => {
      const closed = await listenEmbedded({ introspection: false });
      try {
        const sdl = await closed.request("/graphql/schema.graphql");
        assert.equal(sdl.status, 404);
        await sdl.body?.cancel();
        const page = await closed.request("/graphql", { headers: { accept: "text/html" } });
        assert.doesNotMatch(page.headers.get("content-type") ?? "", /^text\/html/);
        await page.body?.cancel();
      } finally {
        await closed.close();
      }
    });
  },
});
