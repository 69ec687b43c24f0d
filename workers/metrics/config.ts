/**
 * The metrics worker's settings and its push timer, shared by its own
 * entrypoint and the embedded default.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import * as v from "valibot";
import { millisecondsSetting, urlSetting } from "../../shared/config/parse_config.ts";
import type { Logger } from "../../shared/logging/logger.ts";

/** `PUSHGATEWAY_URL` (optional) and how often to push to it; the token that opens `/metrics`. */
export const metricsEntries = {
  /** Prometheus sends it as `Authorization: Bearer …`; without it `/metrics` is not served. */
  FITCONNECT_METRICS_TOKEN: v.optional(
    v.pipe(v.string(), v.minLength(16, "at least 16 characters")),
  ),
  PUSHGATEWAY_URL: urlSetting(),
  FITCONNECT_METRICS_PUSH_INTERVAL_MS: millisecondsSetting(15_000, 1000),
  /** How long an isolate's gauges outlive its last report: a few report intervals. */
  FITCONNECT_METRICS_GAUGE_TTL_MS: millisecondsSetting(60_000, 1000),
};

/** Pushes every `intervalMs` where timers live; returns the function that stops it. */
export function startPushing(
  push: () => Promise<void>,
  intervalMs: number,
  log: Logger,
): () => void {
  const timer = setInterval(() => {
    push().catch((error) => log.warn("metrics push failed", { error: describeError(error) }));
  }, intervalMs);
  return () => clearInterval(timer);
}
