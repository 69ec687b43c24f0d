/**
 * The interactive API reference at `GET /docs`: Scalar's page over
 * `/v1/openapi.json`, with Scalar's standalone bundle served from the
 * platform (`/docs/scalar.js`, vendored from the npm package by
 * tools/docs_assets/vendor.ts) and no web fonts, so the page asks nothing
 * of any other origin. Its policy allows only this origin, plus the one
 * inline script that starts the page (by nonce) and the styles Scalar
 * injects at run time.
 *
 * @module
 */
import { Scalar } from "@scalar/hono-api-reference";
import { Hono, type MiddlewareHandler } from "hono";
import { randomSecret } from "../../shared/runtime/secret.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import scalarBundle from "./vendor/scalar.js" with { type: "text" };
import { gatewayDocs } from "./route_docs.ts";

const bundlePath = "/docs/scalar.js";

/** The page's policy; `nonce` admits its one inline script. */
export function docsContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** `GET /docs` and its bundle. */
export function docsPage() {
  return new Hono<WorkerEnv>()
    .get("/docs", gatewayDocs.docsPage, async (c, next) => {
      const nonce = randomSecret().replaceAll(/[^A-Za-z0-9]/g, "").slice(0, 24);
      c.set("documentPolicy", true);
      c.header("content-security-policy", docsContentSecurityPolicy(nonce));
      c.header("cache-control", "no-cache");
      const page = Scalar(
        {
          url: "/v1/openapi.json",
          cdn: bundlePath,
          nonce,
          pageTitle: "FitConnect API reference",
          withDefaultFonts: false,
          hideClientButton: true,
          // No third-party services: no proxy, no telemetry, no AI agent.
          proxyUrl: undefined,
          telemetry: false,
          agent: { disabled: true },
        } as never,
      ) as unknown as MiddlewareHandler<WorkerEnv>;
      return await page(c, next);
    })
    .get(bundlePath, gatewayDocs.docsBundle, (c) => {
      c.set("documentPolicy", true);
      return c.body(scalarBundle, 200, {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "public, max-age=86400",
      });
    });
}
