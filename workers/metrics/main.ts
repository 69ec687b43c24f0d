/**
 * Deno Deploy entrypoint of the metrics worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * Where timers live (a process, `deno task start:split`) it pushes every
 * FITCONNECT_METRICS_PUSH_INTERVAL_MS; on Deno Deploy a cron calls
 * `POST /internal/metrics/push` instead.
 *
 * @module
 */
import * as v from "valibot";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { metricsEntries, startPushing } from "./config.ts";
import { bootPeers, bootPlatform } from "../../shared/runtime/boot.ts";
import { workerNames } from "../../shared/runtime/workers.ts";
import { createMetricsWorker } from "./mod.ts";

const env = Deno.env.toObject();
const { platform, log } = bootPlatform("metrics", env);
const config = parseConfig(v.object(metricsEntries), env);
const targets = bootPeers(
  workerNames.filter((name) => name !== "metrics"),
  env,
  platform.internalSecret,
);
const worker = createMetricsWorker({
  ...platform,
  targets,
  pushgatewayUrl: config.PUSHGATEWAY_URL,
});

if (config.PUSHGATEWAY_URL) {
  startPushing(worker.push, config.FITCONNECT_METRICS_PUSH_INTERVAL_MS, log);
}

export default worker;
