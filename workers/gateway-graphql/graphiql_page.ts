/**
 * GraphQL for people: the schema as SDL at `GET /graphql/schema.graphql`,
 * and GraphiQL at `GET /graphql` for browsers (`Accept: text/html`), served
 * with its React from this origin (vendored from npm by
 * tools/docs_assets/vendor.ts) — no CDN. Both exist only where introspection
 * is on: they reveal exactly what introspection would.
 *
 * @module
 */
import { type GraphQLSchema, printSchema } from "graphql";
import { Hono } from "hono";
import { randomSecret } from "../../shared/runtime/secret.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import graphiqlCss from "./vendor/graphiql.css" with { type: "text" };
import graphiqlJs from "./vendor/graphiql.js" with { type: "text" };
import reactDomJs from "./vendor/react-dom.js" with { type: "text" };
import reactJs from "./vendor/react.js" with { type: "text" };

const assets: Record<string, { body: string; type: string }> = {
  "react.js": { body: reactJs, type: "text/javascript; charset=utf-8" },
  "react-dom.js": { body: reactDomJs, type: "text/javascript; charset=utf-8" },
  "graphiql.js": { body: graphiqlJs, type: "text/javascript; charset=utf-8" },
  "graphiql.css": { body: graphiqlCss, type: "text/css; charset=utf-8" },
};

/** The page's policy: this origin only, plus its one inline script by nonce. */
export function graphiqlContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function page(nonce: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>FitConnect GraphiQL</title>
    <link rel="stylesheet" href="/graphql/assets/graphiql.css" />
    <style nonce="${nonce}">body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="/graphql/assets/react.js"></script>
    <script src="/graphql/assets/react-dom.js"></script>
    <script src="/graphql/assets/graphiql.js"></script>
    <script nonce="${nonce}">
      const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
      ReactDOM.createRoot(document.getElementById("graphiql")).render(
        React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }),
      );
    </script>
  </body>
</html>`;
}

/** True when the request is a browser asking for a page, not a GraphQL GET. */
export function wantsHtml(accept: string | undefined): boolean {
  return accept?.split(",").some((type) => type.trim().startsWith("text/html")) ?? false;
}

/** The SDL, GraphiQL and its assets, over `schema`. */
export function graphiqlRoutes(schema: GraphQLSchema) {
  const sdl = printSchema(schema);
  return new Hono<WorkerEnv>()
    .get("/graphql/schema.graphql", (c) =>
      c.body(sdl, 200, {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-cache",
      }))
    .get("/graphql/assets/:name", (c) => {
      const asset = assets[c.req.param("name")];
      if (!asset) return c.notFound();
      c.set("documentPolicy", true);
      return c.body(asset.body, 200, {
        "content-type": asset.type,
        "cache-control": "public, max-age=86400",
      });
    })
    .get("/graphql", async (c, next) => {
      if (!wantsHtml(c.req.header("accept"))) return await next();
      const nonce = randomSecret().replaceAll(/[^A-Za-z0-9]/g, "").slice(0, 24);
      c.set("documentPolicy", true);
      return c.html(page(nonce), 200, {
        "content-security-policy": graphiqlContentSecurityPolicy(nonce),
        "cache-control": "no-cache",
      });
    });
}
