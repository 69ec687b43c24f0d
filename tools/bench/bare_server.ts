/**
 * The benchmark baseline: the smallest Hono app that answers JSON, served the
 * same way the platform is (`Deno.serve`). Every scenario is reported as a
 * ratio to this, so machine speed and load-generator cost cancel out.
 *
 * Usage: `deno run -A tools/bench/bare_server.ts --port 8001`
 *
 * @module
 */
import { Hono } from "hono";
import { parseArgs } from "node:util";

/** The baseline app: one route, no middleware; plus `/hop`, the same answer one in-process binding away. */
export function createBareApp(): Hono {
  const upstream = new Hono().get("/hop", (c) => c.json({ ok: true }));
  return new Hono()
    .get("/", (c) => c.json({ ok: true }))
    .get("/hop", (c) => {
      const incoming = c.req.raw;
      return upstream.fetch(new Request(incoming.url, { headers: incoming.headers }));
    });
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { port: { type: "string" } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0) {
    console.error("Cannot start the bare server: --port must be a positive whole number");
    Deno.exit(2);
  }
  const app = createBareApp();
  Deno.serve({
    port,
    hostname: "127.0.0.1",
    // run.ts waits by polling, but a human starting this by hand wants to know.
    onListen: ({ hostname, port }) =>
      console.log(`bare hono listening on http://${hostname}:${port}`),
  }, app.fetch);
}
