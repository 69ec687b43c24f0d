/**
 * What only the public edge (the gateways) adds to responses: security
 * headers and CORS. Domain workers answer only the gateways, webhooks and the
 * queue, so they skip this work.
 *
 * Both are computed once, not per request: this runs on every public call.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { ObserveEnv } from "./observe.ts";

/** Headers every public response carries (OWASP's recommendations for an API). */
export const securityHeaders: readonly [string, string][] = [
  ["strict-transport-security", "max-age=31536000; includeSubDomains"],
  ["x-content-type-options", "nosniff"],
  ["x-frame-options", "DENY"],
  ["referrer-policy", "no-referrer"],
  ["cross-origin-resource-policy", "same-origin"],
  ["content-security-policy", "default-src 'none'; frame-ancestors 'none'"],
];

const allowedHeaders =
  "authorization,content-type,idempotency-key,if-match,if-none-match,x-request-id";
const exposedHeaders = "etag,link,location,retry-after,ratelimit,ratelimit-policy,x-request-id";
const allowedMethods = "GET,HEAD,POST,PUT,PATCH,DELETE";

/** Security headers and CORS for `origins` (`["*"]` suits a bearer-token API: no cookies). */
export function edgeHeaders(origins: readonly string[]): MiddlewareHandler<ObserveEnv> {
  const anyOrigin = origins.includes("*");
  const allowOrigin = (origin: string | null) =>
    origin === null ? null : anyOrigin ? "*" : origins.includes(origin) ? origin : null;

  return async (c, next) => {
    const origin = allowOrigin(c.req.raw.headers.get("origin"));
    const preflight = c.req.method === "OPTIONS" &&
      c.req.raw.headers.has("access-control-request-method");
    if (preflight) {
      const headers: Record<string, string> = {
        "access-control-allow-methods": allowedMethods,
        "access-control-allow-headers": allowedHeaders,
        "access-control-max-age": "600",
        vary: "origin",
      };
      if (origin) headers["access-control-allow-origin"] = origin;
      return c.body(null, 204, headers);
    }
    await next();
    const headers = c.res.headers;
    for (const [name, value] of securityHeaders) {
      // The gateway's own documents (the web app) bring a policy of their own; everything
      // else, forwarded answers included, gets the API's.
      if (name === "content-security-policy" && c.get("documentPolicy")) continue;
      headers.set(name, value);
    }
    if (origin) {
      headers.set("access-control-allow-origin", origin);
      headers.set("access-control-expose-headers", exposedHeaders);
      if (!anyOrigin) headers.append("vary", "origin");
    }
  };
}
