/**
 * The webhooks worker's settings, parsed by its entrypoint (and by the
 * embedded default):
 *
 * - `FITCONNECT_WEBHOOKS_ALLOW_LOOPBACK` (`1` or `0`, default `0`): deliver
 *   to loopback addresses (local development and tests). Private,
 *   link-local, metadata and other non-public addresses stay refused.
 * - `FITCONNECT_WEBHOOKS_RETRY_SCHEDULE_MS` (comma-separated ms, default
 *   5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): the wait after each failed attempt.
 * - `FITCONNECT_WEBHOOKS_DISABLE_AFTER` (default 5): deliveries in a row
 *   failing for good before a subscription is disabled.
 *
 * @module
 */
import * as v from "valibot";
import { choiceSetting, listSetting } from "../../shared/config/parse_config.ts";
import type { Resolver } from "./url_guard.ts";
import { defaultDisableAfter, defaultRetryScheduleMs } from "./retry_schedule.ts";

/** How deliveries behave (defaults in ./retry_schedule.ts). */
export interface WebhooksOptions {
  /** Loopback destinations allowed (local development, tests); everything else non-public stays refused. */
  allowLoopback?: boolean;
  /** The wait after each failed attempt, in ms. */
  retryScheduleMs?: readonly number[];
  /** Deliveries in a row failing for good before a subscription is disabled. */
  disableAfter?: number;
  attemptTimeoutMs?: number;
  /** DNS lookups (default `Deno.resolveDns`). */
  resolve?: Resolver;
}

/** Environment entries of the webhooks worker (for `parseConfig`). */
export const webhooksEntries = {
  FITCONNECT_WEBHOOKS_ALLOW_LOOPBACK: choiceSetting(["0", "1"], "0"),
  FITCONNECT_WEBHOOKS_RETRY_SCHEDULE_MS: v.pipe(
    listSetting(defaultRetryScheduleMs.join(",")),
    v.transform((items) => items.map(Number)),
    v.check(
      (waits) => waits.length > 0 && waits.every((ms) => Number.isSafeInteger(ms) && ms >= 0),
      "a comma-separated list of whole milliseconds",
    ),
  ),
  FITCONNECT_WEBHOOKS_DISABLE_AFTER: v.optional(
    v.pipe(v.string(), v.transform(Number), v.integer("a whole number"), v.minValue(1)),
    String(defaultDisableAfter),
  ),
};

/** The parsed settings. */
export type WebhooksConfig = v.InferOutput<v.ObjectSchema<typeof webhooksEntries, undefined>>;

/** The worker's options from its settings. */
export function webhooksOptionsFrom(config: WebhooksConfig): WebhooksOptions {
  return {
    allowLoopback: config.FITCONNECT_WEBHOOKS_ALLOW_LOOPBACK === "1",
    retryScheduleMs: config.FITCONNECT_WEBHOOKS_RETRY_SCHEDULE_MS,
    disableAfter: config.FITCONNECT_WEBHOOKS_DISABLE_AFTER,
  };
}
