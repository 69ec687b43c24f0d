import assert from "node:assert/strict";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { createDenoKvStore } from "../../shared/stores/kv/deno_kv.ts";
import { createDeltaReporter, ReportRefused } from "../../shared/metrics/delta_reporter.ts";
import type { MetricsReport } from "../../shared/metrics/report.ts";
import { createTotals } from "./totals.ts";

/** One isolate of a worker: its registry, a counter, a histogram and a gauge. */
function isolate(worker: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ worker });
  return {
    registry,
    requests: new Counter({
      name: "demo_requests_total",
      help: "Requests.",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "demo_seconds",
      help: "Durations.",
      buckets: [0.1, 1],
      registers: [registry],
    }),
    level: new Gauge({ name: "demo_level", help: "A level.", registers: [registry] }),
  };
}

/** The value of the sample line starting with `series` (undefined when absent). */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function openTotals(gaugeTtlMs = 60_000) {
  const kv = await Deno.openKv(":memory:");
  const clock = { now: Date.now() };
  const totals = createTotals(createDenoKvStore(kv, { prefix: "metrics", now: () => clock.now }), {
    gaugeTtlMs,
  });
  return { totals, clock, close: () => kv.close() };
}

Deno.test("[metrics] totals from isolates' reports", async (t) => {
  const { totals, clock, close } = await openTotals(30_000);
  try {
    const a = isolate("workouts");
    const b = isolate("workouts");
    const reporterA = createDeltaReporter({
      worker: "workouts",
      registries: [a.registry],
      send: (r) => totals.add(r).then(() => {}),
      instance: "workouts-a",
    });
    const reporterB = createDeltaReporter({
      worker: "workouts",
      registries: [b.registry],
      send: (r) => totals.add(r).then(() => {}),
      instance: "workouts-b",
    });

    await t.step("two isolates' counters and histograms add up; totals never drop", async () => {
      let last = 0;
      for (let round = 1; round <= 3; round++) {
        a.requests.inc({ status: "200" }, round);
        b.requests.inc({ status: "200" }, 2);
        a.duration.observe(0.05);
        b.duration.observe(2);
        await reporterA.flush();
        await reporterB.flush();
        const text = await totals.render();
        const total = valueOf(text, 'demo_requests_total{status="200",worker="workouts"}')!;
        assert.equal(total, (round * (round + 1)) / 2 + 2 * round);
        assert.ok(total > last);
        last = total;
        assert.equal(valueOf(text, 'demo_seconds_count{worker="workouts"}'), 2 * round);
        assert.equal(valueOf(text, 'demo_seconds_bucket{le="0.1",worker="workouts"}'), round);
        assert.equal(valueOf(text, 'demo_seconds_bucket{le="+Inf",worker="workouts"}'), 2 * round);
      }
    });

    await t.step("HELP and TYPE once per family; gauges per instance", async () => {
      a.level.set(3);
      b.level.set(5);
      await reporterA.flush();
      await reporterB.flush();
      const text = await totals.render();
      assert.equal(text.match(/^# HELP demo_requests_total Requests\.$/gm)?.length, 1);
      assert.equal(text.match(/^# TYPE demo_seconds histogram$/gm)?.length, 1);
      assert.equal(text.match(/^# TYPE demo_level gauge$/gm)?.length, 1);
      assert.equal(valueOf(text, 'demo_level{instance="workouts-a",worker="workouts"}'), 3);
      assert.equal(valueOf(text, 'demo_level{instance="workouts-b",worker="workouts"}'), 5);
    });

    await t.step(
      "an isolate that stops reporting: its gauges expire, its counts stay",
      async () => {
        clock.now += 20_000;
        await reporterA.flush(); // b is gone
        clock.now += 20_000;
        const text = await totals.render();
        assert.equal(valueOf(text, 'demo_level{instance="workouts-a",worker="workouts"}'), 3);
        assert.equal(
          valueOf(text, 'demo_level{instance="workouts-b",worker="workouts"}'),
          undefined,
        );
        assert.equal(valueOf(text, 'demo_requests_total{status="200",worker="workouts"}'), 12);
      },
    );
  } finally {
    close();
  }
});

Deno.test("[metrics] a report is added once, however often it is sent", async (t) => {
  const { totals, close } = await openTotals();
  try {
    const report: MetricsReport = {
      id: "report-1",
      instance: "auth-1",
      families: [{
        name: "demo_total",
        help: "Demo.",
        type: "counter",
        samples: [{ name: "demo_total", labels: { worker: "auth" }, value: 4 }],
      }],
    };
    await t.step("the second add of the same id changes nothing", async () => {
      assert.equal(await totals.add(report), true);
      assert.equal(await totals.add(report), false);
      assert.equal(valueOf(await totals.render(), 'demo_total{worker="auth"}'), 4);
      assert.equal(await totals.add({ ...report, id: "report-2" }), true);
      assert.equal(valueOf(await totals.render(), 'demo_total{worker="auth"}'), 8);
    });

    await t.step("a report larger than one atomic part is added once too", async () => {
      const samples = Array.from({ length: 1_200 }, (_, i) => ({
        name: "demo_total",
        labels: { worker: "auth", n: String(i) },
        value: 1,
      }));
      const big = { ...report, id: "report-big", families: [{ ...report.families[0], samples }] };
      assert.equal(await totals.add(big), true);
      assert.equal(await totals.add(big), false);
      const text = await totals.render();
      assert.equal(valueOf(text, 'demo_total{n="1199",worker="auth"}'), 1);
      assert.equal(text.split("\n").filter((l) => l.startsWith("demo_total{n=")).length, 1_200);
    });
  } finally {
    close();
  }
});

Deno.test("[metrics] a reporter whose reports fail", async (t) => {
  const { totals, close } = await openTotals();
  const render = async () => await totals.render();
  const requests = 'demo_requests_total{status="200",worker="users"}';
  const dropped = 'fitconnect_metrics_reports_dropped_total{worker="users"}';
  try {
    const one = isolate("users");
    const sent: string[] = [];
    let mode: "ok" | "lost answer" | "down" | "refused" = "ok";
    const reporter = createDeltaReporter({
      worker: "users",
      registries: [one.registry],
      maxAttempts: 3,
      async send(report) {
        sent.push(report.id);
        if (mode === "down") throw new Error("connection refused");
        if (mode === "refused") throw new ReportRefused(422, "bad report");
        await totals.add(report);
        if (mode === "lost answer") throw new Error("no answer within 10000 ms");
      },
    });

    await t.step("an answer lost after the report arrived: resent, added once", async () => {
      one.requests.inc({ status: "200" }, 5);
      mode = "lost answer";
      await assert.rejects(reporter.flush(), /no answer/);
      mode = "ok";
      one.requests.inc({ status: "200" }, 1);
      await reporter.flush();
      assert.equal(sent[0], sent[1], "the same report, with its id, is sent again");
      assert.notEqual(sent[1], sent[2], "then what came since, in a report of its own");
      assert.equal(valueOf(await render(), requests), 6);
    });

    await t.step("a metrics worker that is down for a while: nothing lost", async () => {
      mode = "down";
      one.requests.inc({ status: "200" }, 2);
      await assert.rejects(reporter.flush());
      one.requests.inc({ status: "200" }, 3);
      await assert.rejects(reporter.flush());
      mode = "ok";
      await reporter.flush();
      assert.equal(valueOf(await render(), requests), 11);
      assert.equal(valueOf(await render(), dropped), 0);
    });

    await t.step("a report that fails every attempt is dropped and counted", async () => {
      mode = "down";
      one.requests.inc({ status: "200" }, 100);
      // The third attempt drops it; the flush goes on with a new report, which fails too.
      for (let attempt = 1; attempt <= 3; attempt++) await assert.rejects(reporter.flush());
      mode = "ok";
      one.requests.inc({ status: "200" }, 1);
      await reporter.flush();
      const text = await render();
      assert.equal(valueOf(text, requests), 12, "the dropped 100 are missing, the 1 after is not");
      assert.equal(valueOf(text, dropped), 1);
    });

    await t.step("a refused report is dropped at once and counted", async () => {
      mode = "refused";
      one.requests.inc({ status: "200" }, 7);
      await reporter.flush();
      mode = "ok";
      await reporter.flush();
      assert.equal(valueOf(await render(), dropped), 2);
      assert.equal(valueOf(await render(), requests), 12);
    });
  } finally {
    close();
  }
});
