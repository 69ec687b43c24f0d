/**
 * The proof that metrics add up across isolates: one worker started twice in
 * split mode (its peers call the two processes in turn), N requests through
 * the REST gateway, and the `http_requests_total` the metrics worker pushes to
 * a real Pushgateway (one of this test's own) sums to exactly N, and never
 * goes down from one push to the next.
 */
import assert from "node:assert/strict";
import { parseReplicas, startSplit } from "../workers/split.ts";
import { splitTestEnv } from "./support/split_env.ts";
import { askTypename } from "./support/graphql.ts";
import { freePort } from "../shared/testing/ports.ts";
import { eventually } from "../shared/testing/assertions.ts";
import { needsService } from "../shared/testing/services.ts";
import { missingBinaries, startPushgateway } from "../tools/monitoring/servers.ts";

const requests = 24;

/** The samples of the pushed group whose line starts with `name{` and has all `labels`. */
function samples(text: string, name: string, labels: Record<string, string>) {
  return text.split("\n")
    .filter((line) => line.startsWith(`${name}{`) && line.includes('job="fitconnect"'))
    .filter((line) =>
      Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`))
    )
    .map((line) => ({ line, value: Number(line.slice(line.lastIndexOf(" ") + 1)) }));
}

/** What the Pushgateway holds now: when it was pushed, and the counted requests. */
async function pushed(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const pushTime = samples(text, "push_time_seconds", {})[0]?.value ?? 0;
  const graphql = { worker: "gateway-graphql", route: "/graphql" };
  const counted = samples(text, "http_requests_total", graphql)
    .reduce((sum, sample) => sum + sample.value, 0);
  return { text, pushTime, counted };
}

Deno.test(
  needsService(
    "[metrics] two processes of one worker: the pushed totals add up",
    (await missingBinaries(["prometheus-pushgateway"])).length === 0,
    "the prometheus-pushgateway binary (apt-get install prometheus-pushgateway)",
  ),
  async (t) => {
    const dataDir = await Deno.makeTempDir({ prefix: "fitconnect_replicas_" });
    // A Pushgateway of this test's own, so no other suite's push lands in its group.
    const pushgateway = await startPushgateway(freePort(), `${dataDir}/pushgateway.log`);
    const split = await startSplit(
      splitTestEnv(dataDir, {
        PUSHGATEWAY_URL: pushgateway.url,
        FITCONNECT_METRICS_PUSH_INTERVAL_MS: "1000",
        FITCONNECT_METRICS_REPORT_INTERVAL_MS: "1000",
      }),
      {
        replicas: { "gateway-graphql": 2 },
        // What the proof needs: the gateways and the metrics worker (no database to start).
        only: ["gateway-rest", "gateway-graphql", "metrics"],
      },
    );
    try {
      assert.equal(split.replicas["gateway-graphql"].length, 2);

      await t.step(`${requests} requests spread over both processes`, async () => {
        await askTypename(split.url, requests);
      });

      await t.step("the pushed total is exactly N and never goes down", async () => {
        const seen: number[] = [];
        let last = { pushTime: 0, counted: 0, text: "" };
        // Every push, until three in a row carry all N (both processes have reported).
        await eventually(
          "three pushes with every request counted",
          async () => {
            const now = await pushed(pushgateway.url);
            if (now.pushTime !== last.pushTime) seen.push(now.counted);
            last = now;
            return seen;
          },
          (values) => values.length >= 3 && values.slice(-3).every((v) => v === requests),
          90_000,
        );
        for (let i = 1; i < seen.length; i++) {
          assert.ok(seen[i] >= seen[i - 1], `pushed totals went down: ${seen.join(", ")}`);
        }
        assert.ok(seen.every((value) => value <= requests), `more than counted: ${seen}`);

        // Both processes reported: each has its own gauges, under its own instance.
        const instances = new Set(
          samples(last.text, "process_resident_memory_bytes", { worker: "gateway-graphql" })
            .map(({ line }) => /instance="([^"]+)"/.exec(line)?.[1]),
        );
        assert.equal(instances.size, 2, [...instances].join(", "));
        const dropped = samples(last.text, "fitconnect_metrics_reports_dropped_total", {
          worker: "gateway-graphql",
        });
        assert.deepEqual(dropped.map((sample) => sample.value), [0]);
      });
    } finally {
      await split.stop();
      await pushgateway.stop();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
);

Deno.test("[split] --replicas: read, and refused where it cannot work", async (t) => {
  await t.step("reads <worker>=<count>, repeated or comma-separated", () => {
    assert.deepEqual(parseReplicas(["gateway-graphql=2", "workouts=3,users=2"]), {
      "gateway-graphql": 2,
      workouts: 3,
      users: 2,
    });
    assert.throws(() => parseReplicas(["nobody=2"]), /expected <worker>=<count>/);
    assert.throws(() => parseReplicas(["workouts"]), /expected <worker>=<count>/);
  });

  await t.step("refuses before starting anything", async () => {
    const env = { FITCONNECT_DATA_DIR: "/nonexistent" };
    const refused = [
      [{ metrics: 2 }, /runs once/],
      [{ "gateway-rest": 2 }, /runs once/],
      [{ workouts: 2 }, /must share DATABASE_URL/],
      [{ users: 0 }, /between 1 and 8/],
    ] as const;
    for (const [replicas, message] of refused) {
      await assert.rejects(startSplit(env, { replicas }), message);
    }
  });
});
