/**
 * What the response headers of a public answer cost Deno's HTTP server, apart
 * from any platform code: one handler answers the same small JSON body with
 * one header, then with the headers every answer of the REST gateway carries
 * (its security headers, the request id and the rate-limit pair), under the
 * bench's wrk load. It prints req/s and this process's CPU per request.
 *
 * ```sh
 * deno run -A tools/profile/header_cost.ts
 * ```
 *
 * @module
 */
import process from "node:process";
import { securityHeaders } from "../../shared/http/middleware/edge_headers.ts";
import { freePort } from "../bench/services.ts";
import { runWrk } from "../bench/wrk.ts";

const body = JSON.stringify({ type: "about:blank", title: "Not Found", status: 404 });
const platformHeaders: [string, string][] = [
  ["content-type", "application/problem+json"],
  ["x-request-id", crypto.randomUUID()],
  ...securityHeaders,
  ["ratelimit-policy", '"anonymous";q=600;w=60'],
  ["ratelimit", '"anonymous";r=599;t=60'],
];
const variants: [string, [string, string][]][] = [
  ["one header (content-type)", platformHeaders.slice(0, 1)],
  [`the gateway's ${platformHeaders.length} headers`, platformHeaders],
];

for (const [name, headers] of variants) {
  const port = freePort();
  const server = Deno.serve(
    { port, hostname: "127.0.0.1", onListen: () => {} },
    () => new Response(body, { status: 404, headers }),
  );
  const load = { url: `http://127.0.0.1:${port}/`, threads: 2, connections: 50, expectStatus: 404 };
  await runWrk({ ...load, durationSec: 2 });
  const before = process.cpuUsage();
  const result = await runWrk({ ...load, durationSec: 5 });
  const used = process.cpuUsage(before);
  const microseconds = (used.user + used.system) / result.requests;
  console.log(
    `${name.padEnd(32)} ${result.requestsPerSec.toFixed(0).padStart(7)} req/s ` +
      `${microseconds.toFixed(1).padStart(6)} µs CPU/request`,
  );
  await server.shutdown();
}
