/**
 * Calendar arithmetic on local dates (`YYYY-MM-DD` strings) and the streak and
 * week logic of the summary: pure functions, so they are tested without a
 * database. Days and weeks are the member's, in their IANA timezone.
 *
 * @module
 */

const dayMs = 24 * 60 * 60 * 1000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * One date formatter per timezone: making one costs more than the rest of a
 * session's aggregates (a quarter of the analytics consumer's own time, seen
 * with `deno run --cpu-prof`). Only zones the runtime knows are kept, so the
 * map stays within the IANA list whatever names arrive.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `name` is a timezone this runtime knows (an IANA name such as `Asia/Tokyo`). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The local date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

function toUtcMidnight(date: string): Date {
  const match = datePattern.exec(date);
  if (!match) throw new RangeError(`Cannot parse date: ${date} is not YYYY-MM-DD`);
  const result = new Date(0);
  result.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return result;
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  return new Date(toUtcMidnight(date).getTime() + days * dayMs).toISOString().slice(0, 10);
}

/** The Monday on or before `date`. */
export function weekStartOf(date: string): string {
  const weekday = toUtcMidnight(date).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The Mondays of the `count` weeks ending with the week of `today`, oldest first. */
export function recentWeekStarts(today: string, count: number): string[] {
  const last = weekStartOf(today);
  return Array.from({ length: count }, (_, i) => addDays(last, -7 * (count - 1 - i)));
}

/** The `count` dates ending with `today`, oldest first. */
export function recentDates(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(today, -(count - 1 - i)));
}

/** Streak lengths in days. */
export interface Streaks {
  /** The run ending today or yesterday; 0 when the last session day is older. */
  current: number;
  longest: number;
}

/**
 * The current streak from the run of consecutive active days that includes
 * `today` or the day before (none: 0); days after today (a client clock
 * running ahead) do not count, as in `streaks`.
 */
export function currentStreak(
  run: { start: string; end: string } | undefined,
  today: string,
): number {
  if (!run) return 0;
  const end = run.end > today ? today : run.end;
  return Math.round((toUtcMidnight(end).getTime() - toUtcMidnight(run.start).getTime()) / dayMs) +
    1;
}

/**
 * Streaks over the local dates that had at least one session (any order,
 * duplicates allowed): the definition the running aggregates keep
 * (./aggregates.ts), and the oracle their tests compare with. The current streak still counts when the member has
 * not trained yet today: it ends on `today` or on the day before.
 */
export function streaks(days: readonly string[], today: string): Streaks {
  const sorted = [...new Set(days)].sort();
  const past = sorted.filter((day) => day <= today);
  let current = 0;
  if (past.length > 0 && past[past.length - 1] >= addDays(today, -1)) {
    current = 1;
    for (let i = past.length - 1; i > 0 && addDays(past[i - 1], 1) === past[i]; i--) current++;
  }
  // Days after today (a client clock running ahead) still count for the longest run.
  let longest = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && addDays(sorted[i - 1], 1) === sorted[i] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return { current, longest };
}

/** `keys` in order, each with the value `found` has for it or `empty`. */
export function fillSeries<T>(
  keys: readonly string[],
  found: ReadonlyMap<string, T>,
  empty: (key: string) => T,
): T[] {
  return keys.map((key) => found.get(key) ?? empty(key));
}
