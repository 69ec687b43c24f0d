/**
 * The web app as the REST gateway serves it, on a real socket: the shell with
 * its Content-Security-Policy, immutable hashed assets, the SPA fallback, the
 * API answering exactly as it does without the app, and no path out of
 * `dist` (raw request lines: `fetch` would resolve the dot segments).
 *
 * Builds `clients/web/dist` first when it is missing or stale (as `deno task start` does).
 */
import assert from "node:assert/strict";
import { ensureWebBuild, webDistDir } from "../clients/web/scripts/build_stamp.ts";
import { webAppFromDirectory } from "../workers/gateway-rest/mod.ts";
import { generateSigningJwk } from "../workers/auth/testing.ts";
import { apiPrefixes, publicRoutes } from "../workers/gateway-rest/testing.ts";
import { rawRequest } from "./support/raw_http.ts";
import { listenEmbedded, type SecurityTarget } from "./support/security_target.ts";

const html = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

/** The policy's directives by name. */
function directives(policy: string | null): Map<string, string> {
  return new Map(
    (policy ?? "").split(";").map((part) => part.trim()).filter(Boolean).map((part) => {
      const [name, ...values] = part.split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
}

Deno.test({
  name: "[web] the REST gateway serves the built app without shadowing the API",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const quiet = { info() {}, warn: (message: string) => console.error(message) };
    assert.ok(await ensureWebBuild(quiet), "the web app builds");
    const index = await Deno.readTextFile(`${webDistDir}/index.html`);
    const entry = /<script[^>]*\bsrc="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    assert.ok(entry, "index.html loads a hashed script");

    // One signing key, so the two platforms publish the same JWKS.
    const auth = { signingKeys: [await generateSigningJwk()] };
    const served = await listenEmbedded({ auth, web: webAppFromDirectory(webDistDir) });
    const apiOnly = await listenEmbedded({ auth });
    const targets: SecurityTarget[] = [served, apiOnly];
    try {
      await t.step("/ is the app, under a strict CSP, revalidated on every load", async () => {
        const response = await served.request("/");
        assert.equal(response.status, 200);
        assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
        assert.equal(await response.text(), index);
        assert.equal(response.headers.get("cache-control"), "no-cache");
        assert.equal(response.headers.get("x-content-type-options"), "nosniff");
        assert.equal(response.headers.get("referrer-policy"), "no-referrer");
        const csp = directives(response.headers.get("content-security-policy"));
        assert.deepEqual(Object.fromEntries(csp), {
          "default-src": "'self'",
          "script-src": "'self'",
          "style-src": "'self'",
          "img-src": "'self' data:",
          "connect-src": "'self'",
          "font-src": "'self'",
          "object-src": "'none'",
          "base-uri": "'self'",
          "form-action": "'self'",
          "frame-ancestors": "'none'",
        });
        for (const value of csp.values()) {
          assert.doesNotMatch(value, /unsafe|https?:|\*/, "no inline, no other origin");
        }
        const etag = response.headers.get("etag");
        assert.ok(etag);
        const again = await served.request("/", { headers: { "if-none-match": etag } });
        assert.equal(again.status, 304);
        await again.body?.cancel();
      });

      await t.step("hashed assets are cached for a year, immutable", async () => {
        for (const method of ["GET", "HEAD"]) {
          const response = await served.request(entry, { method });
          assert.equal(response.status, 200, method);
          assert.equal(
            response.headers.get("cache-control"),
            "public, max-age=31536000, immutable",
          );
          assert.equal(response.headers.get("content-type"), "text/javascript; charset=utf-8");
          assert.ok(response.headers.get("content-security-policy")?.includes("script-src 'self'"));
          const body = await response.text();
          if (method === "GET") assert.ok(body.length > 100);
          else assert.equal(body, "");
        }
        const favicon = await served.request("/favicon.svg");
        assert.equal(favicon.status, 200);
        assert.equal(favicon.headers.get("content-type"), "image/svg+xml");
        assert.equal(favicon.headers.get("cache-control"), "no-cache");
        await favicon.body?.cancel();
      });

      await t.step("text files are gzip-compressed for a browser that accepts it", async () => {
        const script = await Deno.readTextFile(`${webDistDir}${entry}`);
        for (const [path, file] of [[entry, script], ["/", index]]) {
          const response = await served.request(path, {
            headers: { "accept-encoding": "gzip, deflate, br" },
          });
          assert.equal(response.headers.get("content-encoding"), "gzip", path);
          assert.match(response.headers.get("vary") ?? "", /accept-encoding/i, path);
          const length = Number(response.headers.get("content-length"));
          const size = new TextEncoder().encode(file).byteLength;
          assert.ok(length > 0 && length < size, `${path}: ${length} of ${size} bytes`);
          // fetch decompresses: what arrives is the file itself.
          assert.equal(await response.text(), file, path);
        }
        for (const refused of ["identity", "gzip;q=0, br", "br"]) {
          const response = await served.request(entry, { headers: { "accept-encoding": refused } });
          assert.equal(response.headers.get("content-encoding"), null, refused);
          assert.equal(await response.text(), script, refused);
        }
        // The two forms of the shell are two representations: neither revalidates the other.
        const plain = await served.request("/", { headers: { "accept-encoding": "identity" } });
        const zipped = await served.request("/", { headers: { "accept-encoding": "gzip" } });
        await Promise.all([plain.body?.cancel(), zipped.body?.cancel()]);
        assert.notEqual(plain.headers.get("etag"), zipped.headers.get("etag"));
        const revalidated = await served.request("/", {
          headers: { "accept-encoding": "gzip", "if-none-match": zipped.headers.get("etag")! },
        });
        assert.equal(revalidated.status, 304);
        await revalidated.body?.cancel();
      });

      await t.step("an app route opened in the browser is the app (SPA fallback)", async () => {
        for (const path of ["/exercises/abc", "/plans", "/admin/inventory", "/login?next=%2F"]) {
          const response = await served.request(path, { headers: html });
          assert.equal(response.status, 200, path);
          assert.equal(await response.text(), index, path);
          assert.ok(
            response.headers.get("content-security-policy")?.includes("default-src 'self'"),
          );
        }
        // Not a page request, or not a GET: what it was before the app.
        for (const init of [{}, { headers: { accept: "application/json" } }, { method: "POST" }]) {
          const response = await served.request("/exercises/abc", init);
          assert.equal(response.status, 404);
          assert.equal(response.headers.get("content-type"), "application/problem+json");
          await response.body?.cancel();
        }
      });

      await t.step("the API answers exactly as without the app, pages asked or not", async () => {
        const paths = [
          "/v1/nope",
          "/v1",
          "/v1/exercises?limit=1",
          "/v1/me",
          "/health",
          "/graphql",
          "/.well-known/jwks.json",
          "/.well-known/nope",
          "/metrics",
          "/docs",
          "/docs/anything",
          "/internal/health",
          "/internal/nope",
          "/webhooks/stripe",
          "/assets/missing-abcdefgh.js",
          "/assets/",
          "/assets/nested/x.js",
          "/missing.txt",
        ];
        for (const path of paths) {
          for (const headers of [html, {}]) {
            const [withApp, without] = await Promise.all(
              [served, apiOnly].map((target) => target.request(path, { headers })),
            );
            const label = `${path} (${headers === html ? "page" : "no accept"})`;
            assert.equal(withApp.status, without.status, label);
            assert.equal(
              withApp.headers.get("content-type"),
              without.headers.get("content-type"),
              label,
            );
            // A page with inline bootstrapping (GraphiQL, /docs) gets a fresh nonce per answer.
            const nonceOf = (response: Response) =>
              /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
            const same = (text: string | null, nonce: string | undefined) => {
              const plain = (text ?? "").replaceAll(/"requestId":"[^"]+"/g, "");
              return nonce ? plain.replaceAll(nonce, "NONCE") : plain;
            };
            const nonces = [nonceOf(withApp), nonceOf(without)];
            assert.equal(
              same(withApp.headers.get("content-security-policy"), nonces[0]),
              same(without.headers.get("content-security-policy"), nonces[1]),
              label,
            );
            const [a, b] = await Promise.all([withApp.text(), without.text()]);
            assert.equal(same(a, nonces[0]), same(b, nonces[1]), label);
          }
        }
        // The API's prefixes cover every route the gateway forwards.
        for (const [pattern] of publicRoutes) {
          assert.ok(
            apiPrefixes.some((prefix) => pattern === prefix || pattern.startsWith(`${prefix}/`)),
            `${pattern} is under an API prefix`,
          );
        }
      });

      await t.step("no path leads out of dist (raw request lines)", async () => {
        const secrets = [
          await Deno.readTextFile(new URL("../deno.json", import.meta.url)),
          await Deno.readTextFile(`${webDistDir}/.vite/manifest.json`),
          await Deno.readTextFile(`${webDistDir}/.build-stamp`),
        ].map((text) => text.slice(0, 40));
        const probes = [
          "/../deno.json",
          "/assets/../../../../deno.json",
          "/assets/../index.html",
          "/assets/%2e%2e/%2e%2e/%2e%2e/deno.json",
          "/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fdeno.json",
          "/assets/..%2f..%2f..%2fdeno.json",
          "/assets/%252e%252e/%252e%252e/deno.json",
          "/assets/..\\..\\..\\deno.json",
          "/assets/%5c..%5c..%5cdeno.json",
          "/%2e%2e/%2e%2e/%2e%2e/deno.json",
          "//etc/passwd",
          "/assets//etc/passwd",
          "/assets/%2fetc%2fpasswd",
          "/assets/%00.js",
          "/.vite/manifest.json",
          "/.build-stamp",
          "/assets/.build-stamp",
          "/./deno.json",
          "/exercises/../../deno.json",
        ];
        for (const target of probes) {
          for (const headers of [html, {}]) {
            const response = await rawRequest(served.port, "GET", target, { headers });
            const label = `${target} → ${response.status}`;
            assert.ok([200, 400, 404].includes(response.status), label);
            if (response.status === 200) assert.equal(response.body, index, label);
            else assert.match(response.headers["content-type"], /problem\+json/, label);
            for (const secret of secrets) assert.ok(!response.body.includes(secret), label);
          }
        }
        // Dot segments never reach a route: refused by the edge, as before the app.
        const dotted = await rawRequest(served.port, "GET", "/assets/../../deno.json", {
          headers: html,
        });
        assert.equal(dotted.status, 400);
      });
    } finally {
      await Promise.all(targets.map((target) => target.close()));
    }
  },
});
