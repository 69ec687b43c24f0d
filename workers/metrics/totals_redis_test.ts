/**
 * The totals on Redis (through the Upstash REST protocol, as in production):
 * two metrics-worker isolates, each with its own client, take reports from
 * many isolates of a worker at once and agree on every number; a report
 * retried through the other metrics isolate is added once.
 */
import assert from "node:assert/strict";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { createDeltaReporter } from "../../shared/metrics/delta_reporter.ts";
import type { MetricsReport } from "../../shared/metrics/report.ts";
import { openUpstashStore } from "../../shared/stores/kv/upstash.ts";
import { needsService, testServices } from "../../shared/testing/services.ts";
import { createTotals } from "./totals.ts";

const { upstashRedisRestUrl: url, upstashRedisRestToken: token } = testServices();

/** The value of the sample line starting with `series` (undefined when absent). */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

Deno.test(
  needsService(
    "[metrics] totals on Redis: two metrics isolates agree",
    Boolean(url && token),
    url ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL",
  ),
  async () => {
    const prefix = `totals-test-${crypto.randomUUID()}:metrics`;
    const store = await openUpstashStore({ url: url!, token: token!, prefix });
    // Two metrics-worker isolates: a client each, the same keys.
    const [one, two] = await Promise.all(
      [1, 2].map(async () =>
        createTotals(await openUpstashStore({ url: url!, token: token!, prefix }), {
          gaugeTtlMs: 60_000,
        })
      ),
    );
    try {
      const isolates = Array.from({ length: 4 }, (_, i) => {
        const registry = new Registry();
        registry.setDefaultLabels({ worker: "workouts" });
        const requests = new Counter({
          name: "demo_requests_total",
          help: "Requests.",
          registers: [registry],
        });
        const duration = new Histogram({
          name: "demo_seconds",
          help: "Durations.",
          buckets: [0.1],
          registers: [registry],
        });
        const level = new Gauge({ name: "demo_level", help: "A level.", registers: [registry] });
        level.set(i);
        const sent: MetricsReport[] = [];
        const reporter = createDeltaReporter({
          worker: "workouts",
          registries: [registry],
          instance: `workouts-${i}`,
          // Reports alternate between the two metrics isolates, as a load balancer would send them.
          send: async (report) => {
            sent.push(report);
            await (sent.length % 2 === 0 ? one : two).add(report);
          },
        });
        return { requests, duration, reporter, sent };
      });

      let expected = 0;
      for (let round = 1; round <= 5; round++) {
        isolates.forEach((isolate, i) => {
          isolate.requests.inc(round + i);
          isolate.duration.observe(i % 2 === 0 ? 0.05 : 1);
          expected += round + i;
        });
        // Every isolate reports at once: the adds race on the same hash fields.
        await Promise.all(isolates.map((isolate) => isolate.reporter.flush()));
        const [a, b] = await Promise.all([one.render(), two.render()]);
        assert.equal(a, b, "both metrics isolates render the same totals");
        assert.equal(valueOf(a, 'demo_requests_total{worker="workouts"}'), expected);
        assert.equal(valueOf(a, 'demo_seconds_count{worker="workouts"}'), 4 * round);
        assert.equal(valueOf(a, 'demo_seconds_bucket{le="0.1",worker="workouts"}'), 2 * round);
      }

      // A report whose answer was lost, sent again through the other isolate: added once.
      const last = isolates[0].sent.at(-1)!;
      assert.equal(await one.add(last), false);
      assert.equal(await two.add(last), false);
      const text = await two.render();
      assert.equal(valueOf(text, 'demo_requests_total{worker="workouts"}'), expected);
      for (let i = 0; i < 4; i++) {
        assert.equal(valueOf(text, `demo_level{instance="workouts-${i}",worker="workouts"}`), i);
      }
    } finally {
      // The report ids expire on their own (an hour).
      const keys = ["totals", "instances", "meta:demo_requests_total", "meta:demo_seconds"];
      keys.push("meta:demo_level", ...[0, 1, 2, 3].map((i) => `gauges:workouts-${i}`));
      await Promise.all(keys.map((key) => store.delete(key)));
    }
  },
);
