/**
 * When a failed delivery is tried again: exponential backoff over a little
 * more than a day (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each
 * failure: eight attempts in about 27.6 h), then the delivery is failed for
 * good. A subscription whose deliveries fail for good `disableAfter` times
 * in a row is disabled and its owner notified.
 *
 * @module
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** The wait after each failed attempt, in ms: its length is the number of retries. */
export const defaultRetryScheduleMs: readonly number[] = [
  5 * second,
  5 * minute,
  30 * minute,
  2 * hour,
  5 * hour,
  10 * hour,
  10 * hour,
];

/** Deliveries in a row that exhaust every attempt before the subscription is disabled. */
export const defaultDisableAfter = 5;

/** How long an attempt may take before it fails. */
export const defaultAttemptTimeoutMs = 10 * second;

/** How long a rotated-out secret still signs deliveries. */
export const secretOverlapMs = 24 * hour;
