/**
 * The last report at shutdown: a worker process counts requests, is stopped
 * (SIGTERM) before its report timer ever fires and before anyone asks it to
 * report, and the metrics worker's totals still hold every request. Without
 * the shutdown report they would be lost with the process.
 */
import assert from "node:assert/strict";
import { startSplit } from "../workers/split.ts";
import { splitTestEnv } from "./support/split_env.ts";
import { askTypename } from "./support/graphql.ts";
import { randomSecret } from "../shared/runtime/secret.ts";

const requests = 7;

Deno.test("[metrics] a worker stopped before its report timer reports at shutdown", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "fitconnect_shutdown_report_" });
  const token = randomSecret();
  const split = await startSplit(
    splitTestEnv(dataDir, {
      FITCONNECT_METRICS_TOKEN: token,
      // An hour: the timer never fires in this test. No Pushgateway: nothing asks for a report.
      FITCONNECT_METRICS_REPORT_INTERVAL_MS: "3600000",
    }),
    { only: ["gateway-rest", "gateway-graphql", "metrics"] },
  );
  try {
    await askTypename(split.url, requests);
    const graphql = split.processes["gateway-graphql"];
    graphql.kill("SIGTERM");
    assert.equal((await graphql.status).code, 0, "a clean exit after its shutdown tasks");

    // The collection behind /metrics asks gateway-graphql to report: it is gone, so what the
    // totals hold came from its last report.
    const response = await fetch(`${split.url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200);
    const text = await response.text();
    const counted = text.split("\n")
      .filter((line) =>
        line.startsWith("http_requests_total{") && line.includes('worker="gateway-graphql"') &&
        line.includes('route="/graphql"')
      )
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
    assert.equal(counted, requests);
    assert.match(text, /fitconnect_worker_up\{target="gateway-graphql",worker="metrics"\} 0/);
  } finally {
    await split.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});
