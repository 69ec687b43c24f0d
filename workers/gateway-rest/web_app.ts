/**
 * The web app (clients/web, built into `dist/`), served by the REST gateway
 * at `/` on the API's own origin:
 *
 * - `/assets/<name>` — Vite's hashed files: `public, max-age=31536000, immutable`.
 * - `/` and `/index.html` — the shell: `no-cache` (revalidated by `ETag`), so a
 *   deploy is seen at the next load.
 * - `/<name>` — the other top-level files of the build (`favicon.svg`): `no-cache`.
 * - Any other GET asking for HTML (`Accept: text/html`, a browser opening an
 *   app route such as `/exercises/abc`) — the shell (SPA fallback).
 *
 * It never shadows the API: paths under `/v1`, `/graphql`, `/health`,
 * `/.well-known`, `/metrics`, `/docs`, `/internal` and `/webhooks` pass on
 * untouched (a 404 there stays problem+json), as does every method but GET
 * and HEAD and anything not found. Files are named only by a single path
 * segment of safe characters (no `%`, no leading dot), so no path reaches
 * outside the build, and its dotfiles (`.vite/manifest.json`, the build
 * stamp) are never served.
 *
 * Every answer carries the app's Content-Security-Policy: nothing inline,
 * nothing from another origin. Text files go out gzip-compressed to a browser
 * that accepts it (./web_compression.ts), with `Vary: Accept-Encoding`.
 *
 * @module
 */
import type { Context, MiddlewareHandler, Next } from "hono";
import * as v from "valibot";
import { rawPathOf } from "../../shared/http/safe_path.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { acceptsGzip, gzip, worthCompressing } from "./web_compression.ts";

/** A file of the built app. */
export interface WebAppFile {
  body: Uint8Array;
}

/** Where the built app's files come from (a directory, in every mode so far). */
export interface WebAppFiles {
  /** The file at `name` (`index.html`, `assets/index-abc.js`), or undefined when there is none. */
  read(name: string): Promise<WebAppFile | undefined>;
}

/** The policy of the app's documents (clients/web/README.md: what the build satisfies). */
export const webAppContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Path prefixes that belong to the API: the app never answers under them. */
export const apiPrefixes = [
  "/v1",
  "/graphql",
  "/health",
  "/.well-known",
  "/metrics",
  "/docs",
  "/internal",
  "/webhooks",
] as const;

const immutable = "public, max-age=31536000, immutable";
const fileName = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

const contentTypes: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  webmanifest: "application/manifest+json",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/x-icon",
  woff2: "font/woff2",
  woff: "font/woff",
  txt: "text/plain; charset=utf-8",
  wasm: "application/wasm",
};

/** True when `path` is the API's (the app must not answer it). */
export function isApiPath(path: string): boolean {
  return apiPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** Serves the app from `files`; everything else goes on to the API's routes. */
export function serveWebApp(files: WebAppFiles): MiddlewareHandler<WorkerEnv> {
  // The API's requests pass on without entering an async function: every one comes here.
  return (c, next) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") return next();
    // The raw path names files; the decoded one is what the API routes on (`/%761` is `/v1`).
    const path = rawPathOf(c.req.url);
    if (isApiPath(path) || isApiPath(c.req.path)) return next();
    const target = fileFor(path, c.req.header("accept"));
    if (!target) return next();
    return serveFile(c, next, target, method);
  };

  async function serveFile(
    c: Context<WorkerEnv>,
    next: Next,
    target: NonNullable<ReturnType<typeof fileFor>>,
    method: string,
  ): Promise<Response | void> {
    const file = await files.read(target.name);
    if (!file) return await next();
    c.set("documentPolicy", true);
    const contentType = contentTypes[extensionOf(target.name)] ?? "application/octet-stream";
    const compressible = worthCompressing(contentType, file.body.byteLength);
    const gzipped = compressible && acceptsGzip(c.req.header("accept-encoding"));
    const headers = new Headers({
      "content-type": contentType,
      "content-security-policy": webAppContentSecurityPolicy,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    if (compressible) headers.set("vary", "accept-encoding");
    if (target.immutable) {
      headers.set("cache-control", immutable);
    } else {
      headers.set("cache-control", "no-cache");
      // One tag per representation: a cache must not answer a gzip request with the plain one.
      const etag = (await entityTag(file.body)).replace(/"$/, gzipped ? '-gzip"' : '"');
      headers.set("etag", etag);
      if (matches(c.req.header("if-none-match"), etag)) {
        return new Response(null, { status: 304, headers });
      }
    }
    const body = gzipped ? await gzip(file.body) : file.body;
    if (gzipped) headers.set("content-encoding", "gzip");
    headers.set("content-length", String(body.byteLength));
    return new Response(method === "HEAD" ? null : body as BodyInit, { status: 200, headers });
  }
}

/** The file `path` names, if it names one the app may serve. */
function fileFor(
  path: string,
  accept: string | undefined,
): { name: string; immutable: boolean } | undefined {
  if (path === "/" || path === "/index.html") return { name: "index.html", immutable: false };
  const segments = path.slice(1).split("/");
  if (segments.length === 2 && segments[0] === "assets") {
    return fileName.test(segments[1])
      ? { name: `assets/${segments[1]}`, immutable: true }
      : undefined;
  }
  if (segments[0] === "assets") return undefined;
  if (segments.length === 1 && fileName.test(segments[0]) && segments[0].includes(".")) {
    return { name: segments[0], immutable: false };
  }
  // An app route: the browser asked for a page, the app's router finds it.
  if (accept?.includes("text/html")) return { name: "index.html", immutable: false };
  return undefined;
}

function extensionOf(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1).toLowerCase();
}

async function entityTag(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body as BufferSource));
  return `"${Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * The app's files in `dir` (clients/web/dist): read on each request, so a
 * rebuild is served at once. A name that is not a regular file is none.
 */
export function webAppFromDirectory(dir: string): WebAppFiles {
  const root = dir.endsWith("/") ? dir : `${dir}/`;
  return {
    async read(name) {
      // Names come from `fileFor` only: one or two safe segments, no dot segments.
      try {
        const path = `${root}${name}`;
        if (!(await Deno.stat(path)).isFile) return undefined;
        return { body: await Deno.readFile(path) };
      } catch (error) {
        if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
          return undefined;
        }
        throw error;
      }
    },
  };
}

/** The gateway's setting: the directory of the built app (not served when unset). */
export const webEntries = {
  FITCONNECT_WEB_DIR: v.optional(v.pipe(v.string(), v.minLength(1))),
};
