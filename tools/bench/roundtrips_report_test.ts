/**
 * Tests for summarising and rendering the round-trips section.
 *
 * @module
 */
import assert from "node:assert/strict";
import { renderRoundTrips, type RoundTripSample, summariseStep } from "./roundtrips_report.ts";

const sample = (db: number, ms: number, dbAfter = 0, kv = 1): RoundTripSample => ({
  db,
  dbAfter,
  kv,
  ms,
});

Deno.test("[bench] summariseStep", async (t) => {
  await t.step("judges the median, so one window a timer fell into does not fail it", () => {
    const step = summariseStep("read", [sample(1, 20), sample(1, 22), sample(4, 90)], 1);
    assert.equal(step.db, 1);
    assert.equal(step.dbMean, 2);
    assert.equal(step.pass, true);
    assert.equal(step.requests, 3);
  });
  await t.step("misses above the target", () => {
    assert.equal(summariseStep("write", [sample(3, 60), sample(3, 61)], 2).pass, false);
  });
  await t.step("has no verdict without a target", () => {
    assert.equal(summariseStep("write", [sample(3, 60)], null).pass, null);
  });
  await t.step("takes p50 and p99 of the request times", () => {
    const samples = Array.from({ length: 100 }, (_, i) => sample(0, i + 1));
    assert.deepEqual(summariseStep("read", samples, 0).latencyMs, { p50: 50, p99: 99 });
  });
});

Deno.test("[bench] renderRoundTrips", async (t) => {
  await t.step("one row per step", () => {
    const text = renderRoundTrips({
      latencyMs: 20,
      stores: "Neon driver → PostgreSQL",
      steps: [summariseStep("POST /x | y", [sample(2, 45.5, 1, 3)], 3)],
    });
    assert.ok(text.includes("20 ms simulated round trip"));
    assert.ok(
      text.includes("| POST /x \\| y | 2 | 2.00 | 1 | 3 | 45.5 ms | 45.5 ms | ≤ 3 | pass |"),
    );
  });
  await t.step("says why nothing was measured", () => {
    const text = renderRoundTrips({ latencyMs: 20, stores: "", steps: [], skipped: "no URL" });
    assert.ok(text.includes("Not measured: no URL"));
  });
});
