/**
 * Deno Deploy entrypoint of the metrics worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * Where timers live (a process, `deno task start:split`) it pushes every
 * FITCONNECT_METRICS_PUSH_INTERVAL_MS; on Deno Deploy a cron calls
 * `POST /internal/metrics/push` instead. The totals it adds reports into live in
 * Upstash when configured (every isolate of this worker shares them), otherwise
 * in `${FITCONNECT_DATA_DIR}/metrics.sqlite3`. It serves the queue's dead
 * letters to admins, and in split hosts the producers' Deno KV queue
 * (./queue_config.ts).
 *
 * @module
 */
import * as v from "valibot";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { metricsEntries, startPushing } from "./config.ts";
import { bootPeers, bootPlatform } from "../../shared/runtime/boot.ts";
import { createAuthentication } from "../../shared/runtime/authentication.ts";
import { openKeyValueStores } from "../../shared/runtime/stores.ts";
import { workerNames } from "../../shared/runtime/workers.ts";
import { bootQueueAccess } from "./queue_config.ts";
import { bootReporting } from "../../shared/runtime/reporting.ts";
import { type Fetcher, inProcessBinding } from "../../shared/bindings/service_binding.ts";
import { createMetricsWorker } from "./mod.ts";
import { authCalls } from "../auth/client.ts";

const env = Deno.env.toObject();
const { config: platformConfig, platform, log } = bootPlatform("metrics", env);
const config = parseConfig(v.object(metricsEntries), env);
const targets = bootPeers(
  workerNames.filter((name) => name !== "metrics"),
  env,
  { internalSecret: platform.internalSecret },
);
// The revocation list and the metric totals: this worker has no tables.
const kv = await openKeyValueStores({
  ...platformConfig,
  dataDir: platformConfig.FITCONNECT_DATA_DIR,
}, log);
// The totals: Upstash (Redis) in production, shared by every isolate of this worker; without
// it, a Deno KV file of this worker's own, so that its writes never hold the lock of the file
// that split's other processes share for rate limits and revocations.
const totals = platformConfig.UPSTASH_REDIS_REST_URL ? kv : await openKeyValueStores({
  FITCONNECT_KV_PATH: `${platformConfig.FITCONNECT_DATA_DIR}/metrics.sqlite3`,
}, log);
const queue = await bootQueueAccess(env, targets, log);
const worker = createMetricsWorker({
  ...platform,
  targets,
  // Itself (defined below; called only once requests come), asked to report like the others.
  self: inProcessBinding(() => entry, { internalSecret: platform.internalSecret }),
  kv: totals.kvFor("metrics"),
  gaugeTtlMs: config.FITCONNECT_METRICS_GAUGE_TTL_MS,
  pushgatewayUrl: config.PUSHGATEWAY_URL,
  metricsToken: config.FITCONNECT_METRICS_TOKEN,
  admin: {
    deadLetters: queue.deadLetters,
    verifier: createAuthentication(targets.auth, kv, { log, authCalls }).verifier,
  },
  queue: queue.hosted,
});
const entry: Fetcher = bootReporting("metrics", worker, {
  env,
  config: platformConfig,
  log,
  registries: queue.registries,
});

if (config.PUSHGATEWAY_URL) {
  startPushing(worker.push, config.FITCONNECT_METRICS_PUSH_INTERVAL_MS, log);
}

export default entry;
