/**
 * Tests for judging scenarios and rendering the Markdown table.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  type BenchReport,
  judge,
  type Measurement,
  renderMarkdown,
  summariseBaseline,
} from "./report.ts";

function measurement(requestsPerSec: number, errors = 0): Measurement {
  return {
    requestsPerSec,
    requests: requestsPerSec * 5,
    latencyMs: { p50: 0.5, p90: 1.25, p99: 12.5 },
    non2xx3xx: 0,
    unexpectedStatus: errors,
    socketErrors: { connect: 0, read: 0, write: 0, timeout: 0 },
    errors,
  };
}

Deno.test("[bench] judge", async (t) => {
  await t.step("passes at or above the target", () => {
    assert.deepEqual(judge(0.6, 0.6, 0), { pass: true, result: "pass" });
  });
  await t.step("reports a miss below the target", () => {
    assert.deepEqual(judge(0.59, 0.6, 0), { pass: false, result: "miss" });
  });
  await t.step("fails on errors even above the target", () => {
    assert.deepEqual(judge(0.9, 0.6, 4), { pass: false, result: "fail (4 errors)" });
  });
  await t.step("has no verdict without a target", () => {
    assert.deepEqual(judge(0.01, undefined, 0), { pass: null, result: "no target" });
  });
});

Deno.test("[bench] summariseBaseline keeps both runs and the drift", () => {
  const baseline = summariseBaseline("bare Hono", [measurement(900), measurement(1100)]);
  assert.equal(baseline.requestsPerSecMean, 1000);
  assert.equal(baseline.driftPct, 20);
  assert.equal(baseline.runs.length, 2);
});

Deno.test("[bench] renderMarkdown", () => {
  const baseline = summariseBaseline("bare Hono", [measurement(9000), measurement(11000)]);
  const report: BenchReport = {
    sections: ["api"],
    date: "2026-01-01T00:00:00.000Z",
    deno: "2.9.6",
    v8: "15",
    os: "linux",
    arch: "x86_64",
    cpus: 2,
    stores: "PGlite + Deno KV",
    wrk: { threads: 2, connections: 50, durationSec: 8, warmupSec: 2, timeoutSec: 5 },
    baseline,
    scenarios: [{
      name: "a | b",
      description: "",
      method: "GET",
      path: "/x",
      expectStatus: 200,
      preflight: { status: 200, ok: true },
      measurement: measurement(500),
      ratio: 0.05,
      target: 0.6,
      pass: false,
      result: "miss",
    }],
  };
  const lines = renderMarkdown(report).split("\n");
  assert.ok(lines.includes("| scenario | req/s | ratio to bare | p50 | p99 | target | result |"));
  assert.ok(
    lines.includes("| bare Hono (before) | 9,000 | 0.90 | 0.50 ms | 12.5 ms | — | baseline |"),
  );
  // The pipe in the name is escaped so it cannot split the row.
  assert.ok(lines.includes("| a \\| b | 500 | 0.050 | 0.50 ms | 12.5 ms | ≥ 0.6 | miss |"));
});
