/**
 * gzip for JSON answers over 1 KB when the client accepts it (`hono/compress`),
 * at the gateway only: requests it forwards lose their `Accept-Encoding`
 * (./forward.ts), so no hop between workers ever compresses.
 *
 * Entity tags stay strong. A gzipped body is another representation, so its
 * tag must differ from the identity one: rather than weakening it (which
 * would break `If-Match`, a strong comparison), the gateway tags it
 * `"<tag>-gzip"` (as Apache's mod_deflate does) and takes the suffix off the
 * tags of `If-Match` / `If-None-Match` before the worker compares them, so
 * workers know nothing of encodings.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";

const json = /^application\/(?:[\w.-]+\+)?json(?:[;\s]|$)/i;
const threshold = 1024;
const suffix = "-gzip";

/** `"abc-gzip"` → `"abc"` in each member of a conditional header. */
function withoutSuffix(header: string): string {
  return header.replaceAll(`${suffix}"`, `"`);
}

/**
 * A request header as it is forwarded to a worker, made encoding-blind:
 * `undefined` for `Accept-Encoding` (a hop never compresses), the worker's own
 * tags for the gateway's `-gzip` ones, any other value unchanged.
 */
export function encodingBlind(name: string, value: string): string | undefined {
  if (name === "accept-encoding") return undefined;
  if ((name === "if-match" || name === "if-none-match") && value.includes(`${suffix}"`)) {
    return withoutSuffix(value);
  }
  return value;
}

/** Compresses JSON answers over 1 KB for clients that accept gzip. */
export function jsonCompression(): MiddlewareHandler<WorkerEnv> {
  const gzip = compress({ encoding: "gzip", threshold, contentTypeFilter: json });
  return async (c, next) => {
    const accepts = /\bgzip\b/i.test(c.req.header("accept-encoding") ?? "");
    if (!accepts) return await next();
    await gzip(c, async () => {
      await next();
      await measure(c.res).then((sized) => sized && (c.res = sized));
    });
    const etag = c.res.headers.get("etag");
    if (c.res.headers.get("content-encoding") === "gzip" && etag?.startsWith("W/")) {
      c.res.headers.set("etag", `${etag.slice(2, -1)}${suffix}"`);
    }
  };
}

/**
 * A JSON answer of unknown length, buffered so that its length is known
 * (hono/compress compresses anything without a Content-Length, small or not);
 * undefined when there is nothing to do.
 */
async function measure(response: Response): Promise<Response | undefined> {
  if (!response.body || response.headers.has("content-length")) return undefined;
  if (!json.test(response.headers.get("content-type") ?? "")) return undefined;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const sized = new Response(bytes, response);
  sized.headers.set("content-length", String(bytes.byteLength));
  return sized;
}
