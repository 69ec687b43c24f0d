import assert from "node:assert/strict";
import { Counter, Gauge, Histogram, Registry, Summary } from "prom-client";
import { computeDelta } from "./delta.ts";
import type { ReportedFamily } from "./report.ts";

function demoRegistry() {
  const registry = new Registry();
  registry.setDefaultLabels({ worker: "demo" });
  const requests = new Counter({
    name: "demo_requests_total",
    help: "Requests.",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "demo_seconds",
    help: "Durations.",
    labelNames: ["route"] as const,
    buckets: [0.1, 1],
    registers: [registry],
  });
  const level = new Gauge({ name: "demo_level", help: "A level.", registers: [registry] });
  new Summary({ name: "demo_summary", help: "Not addable.", registers: [registry] }).observe(1);
  return { registry, requests, duration, level };
}

function byName(families: ReportedFamily[]) {
  return Object.fromEntries(families.map((family) => [family.name, family]));
}

function values(family: ReportedFamily | undefined) {
  return Object.fromEntries(
    (family?.samples ?? []).map((s) => [`${s.name} ${JSON.stringify(s.labels)}`, s.value]),
  );
}

Deno.test("[metrics] delta of a report", async (t) => {
  const { registry, requests, duration, level } = demoRegistry();

  let first: ReturnType<typeof computeDelta>;
  let second: ReturnType<typeof computeDelta>;
  await t.step("the first report carries everything, new series at 0 included", async () => {
    requests.inc({ status: "200" }, 3);
    requests.inc({ status: "500" }, 0);
    duration.observe({ route: "/a" }, 0.05);
    level.set(7);
    first = computeDelta([await registry.getMetricsAsJSON()], new Map());
    const families = byName(first.families);
    assert.deepEqual(values(families.demo_requests_total), {
      'demo_requests_total {"status":"200","worker":"demo"}': 3,
      'demo_requests_total {"status":"500","worker":"demo"}': 0,
    });
    assert.deepEqual(values(families.demo_seconds), {
      'demo_seconds_bucket {"le":"0.1","route":"/a","worker":"demo"}': 1,
      'demo_seconds_bucket {"le":"1","route":"/a","worker":"demo"}': 1,
      'demo_seconds_bucket {"le":"+Inf","route":"/a","worker":"demo"}': 1,
      'demo_seconds_sum {"route":"/a","worker":"demo"}': 0.05,
      'demo_seconds_count {"route":"/a","worker":"demo"}': 1,
    });
    assert.deepEqual(values(families.demo_level), { 'demo_level {"worker":"demo"}': 7 });
    assert.equal(families.demo_summary, undefined, "summaries cannot be added up");
  });

  await t.step("the next carries only what changed; gauges always", async () => {
    requests.inc({ status: "200" }, 2);
    duration.observe({ route: "/b" }, 5);
    second = computeDelta([await registry.getMetricsAsJSON()], first.snapshot);
    const next = byName(second.families);
    assert.deepEqual(values(next.demo_requests_total), {
      'demo_requests_total {"status":"200","worker":"demo"}': 2,
    });
    // /a did not move: not sent. /b is sent whole, every bucket.
    assert.deepEqual(values(next.demo_seconds), {
      'demo_seconds_bucket {"le":"0.1","route":"/b","worker":"demo"}': 0,
      'demo_seconds_bucket {"le":"1","route":"/b","worker":"demo"}': 0,
      'demo_seconds_bucket {"le":"+Inf","route":"/b","worker":"demo"}': 1,
      'demo_seconds_sum {"route":"/b","worker":"demo"}': 5,
      'demo_seconds_count {"route":"/b","worker":"demo"}': 1,
    });
    assert.deepEqual(values(next.demo_level), { 'demo_level {"worker":"demo"}': 7 });
  });

  await t.step("nothing new: only gauges", async () => {
    const third = computeDelta([await registry.getMetricsAsJSON()], second.snapshot);
    assert.deepEqual(third.families.map((f) => f.name), ["demo_level"]);
  });

  await t.step("a reset counter or histogram: all of it is new", async () => {
    requests.reset();
    duration.reset();
    requests.inc({ status: "200" });
    duration.observe({ route: "/a" }, 0.5);
    const after = byName(
      computeDelta([await registry.getMetricsAsJSON()], second.snapshot).families,
    );
    assert.deepEqual(values(after.demo_requests_total), {
      'demo_requests_total {"status":"200","worker":"demo"}': 1,
    });
    assert.equal(
      values(after.demo_seconds)['demo_seconds_count {"route":"/a","worker":"demo"}'],
      1,
    );
    assert.equal(
      values(after.demo_seconds)['demo_seconds_sum {"route":"/a","worker":"demo"}'],
      0.5,
    );
  });

  await t.step("label values that prom-client gives as numbers are strings", async () => {
    const versions = new Registry();
    new Gauge({
      name: "demo_version_info",
      help: "Version.",
      labelNames: ["major"] as const,
      registers: [versions],
    })
      .set({ major: 26 }, 1);
    const { families } = computeDelta([await versions.getMetricsAsJSON()], new Map());
    assert.deepEqual(families[0].samples[0].labels, { major: "26" });
  });

  await t.step("a gauge without a value yet (NaN) is not sent", async () => {
    const empty = new Registry();
    new Gauge({ name: "demo_lag", help: "Lag.", registers: [empty] }).set(Number.NaN);
    assert.deepEqual(computeDelta([await empty.getMetricsAsJSON()], new Map()).families, []);
  });
});
