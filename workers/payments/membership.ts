/**
 * Membership periods: a plan bought while a membership runs extends it from
 * its end; bought after it lapsed (or first), from now.
 *
 * Months are calendar months in UTC, clamped to the month's last day
 * (31 January + 1 month = 28 or 29 February), as Stripe bills them.
 *
 * @module
 */
import type { PlanInterval } from "./tables.ts";

/** `at` moved by `count` months (negative goes back), clamped to the target month's length. */
export function addMonths(at: Date, count: number): Date {
  const target = new Date(at.getTime());
  const day = at.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + count);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0))
    .getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** The length of one `interval` in months. */
function months(interval: PlanInterval): number {
  return interval === "year" ? 12 : 1;
}

/** The new end of a membership ending at `currentEnd` (or none) when a plan is bought at `now`. */
export function extendedPeriodEnd(
  currentEnd: Date | undefined,
  interval: PlanInterval,
  now: Date,
): Date {
  const from = currentEnd && currentEnd.getTime() > now.getTime() ? currentEnd : now;
  return addMonths(from, months(interval));
}

/** The end of a membership after the payment that bought one `interval` is refunded. */
export function shortenedPeriodEnd(currentEnd: Date, interval: PlanInterval): Date {
  return addMonths(currentEnd, -months(interval));
}
