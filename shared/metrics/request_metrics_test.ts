import assert from "node:assert/strict";
import { Counter, Histogram, Registry } from "prom-client";
import { RequestMetrics } from "./request_metrics.ts";

const bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** prom-client's own Counter and Histogram, as the worker metrics were made before. */
function promClientMetrics(registry: Registry) {
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route pattern.",
    labelNames: ["method", "route"] as const,
    buckets: bounds,
    registers: [registry],
  });
  return (method: string, route: string, status: number, seconds: number) => {
    requests.inc({ method, route, status: String(status) });
    durations.observe({ method, route }, seconds);
  };
}

function registryOf(worker: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ worker });
  return registry;
}

Deno.test("[metrics] the request metrics read exactly as prom-client's own", async (t) => {
  const ours = registryOf("demo");
  const theirs = registryOf("demo");
  const metrics = new RequestMetrics(ours, bounds);
  const record = promClientMetrics(theirs);
  // Series interleaved, values on bounds, between them, beyond the last, and zero.
  const requests: [string, string, number, number][] = [
    ["GET", "/v1/me", 200, 0.0004],
    ["GET", "/v1/workouts/:id", 200, 0.001],
    ["POST", "/v1/me", 422, 0.0031],
    ["GET", "/v1/me", 304, 0.25],
    ["GET", "/v1/me", 200, 12],
    ["GET", "unmatched", 404, 0],
    ["GET", "/v1/workouts/:id", 503, 2.5000001],
  ];
  for (const request of requests) {
    metrics.record(...request);
    record(...request);
  }

  await t.step("as text, line for line", async () => {
    assert.equal(await ours.metrics(), await theirs.metrics());
  });

  await t.step("as JSON, the form the metrics worker's reports read", async () => {
    assert.deepEqual(await ours.getMetricsAsJSON(), await theirs.getMetricsAsJSON());
  });

  await t.step("a reset registry starts again from nothing, as prom-client's does", async () => {
    ours.resetMetrics();
    theirs.resetMetrics();
    metrics.record("GET", "/v1/me", 200, 0.002);
    record("GET", "/v1/me", 200, 0.002);
    assert.equal(await ours.metrics(), await theirs.metrics());
  });
});
