/**
 * Which channels a notification goes out on, from the member's preferences:
 * in-app only when `inApp` is on; email only when `email` is on, an address
 * is known, and the member is not in their quiet hours; push only when
 * `push` is on and the member is not in their quiet hours (and then only to
 * devices they registered) — a daily `HH:MM`
 * window read on the member's own clock (their timezone), which crosses
 * midnight when it starts later than it ends (22:00–07:00).
 *
 * @module
 */

/** What the channel rules read of a member's preferences. */
export interface ChannelPreferences {
  inApp: boolean;
  email: boolean;
  push: boolean;
  /** `HH:MM`, both set or both null. */
  quietStart: string | null;
  quietEnd: string | null;
  /** An IANA zone; an unknown one is read as UTC. */
  timezone: string;
  emailAddress: string | null;
}

/**
 * A member without a preferences row: every channel on (push reaches only
 * devices the member registered), no quiet hours, UTC.
 */
export const defaultPreferences: ChannelPreferences = {
  inApp: true,
  email: true,
  push: true,
  quietStart: null,
  quietEnd: null,
  timezone: "UTC",
  emailAddress: null,
};

const clocks = new Map<string, Intl.DateTimeFormat>();

function clockOf(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    try {
      clock = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
    } catch {
      // Timezones come from the users worker, which validates them; never fail a delivery on one.
      clock = clockOf("UTC");
    }
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Minutes since local midnight of `at` in `timeZone` (0–1439). */
export function localMinutes(at: Date, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of clockOf(timeZone).formatToParts(at)) {
    if (part.type === "hour") hour = Number(part.value) % 24;
    if (part.type === "minute") minute = Number(part.value);
  }
  return hour * 60 + minute;
}

/** `HH:MM` as minutes since midnight. */
function minutesOf(clockTime: string): number {
  const [hours, minutes] = clockTime.split(":").map(Number);
  return hours * 60 + minutes;
}

/**
 * True when `at` falls in the window [start, end) on the member's clock; a
 * window with start > end crosses midnight. No window (or a broken one) is never quiet.
 */
export function withinQuietHours(
  preferences: Pick<ChannelPreferences, "quietStart" | "quietEnd" | "timezone">,
  at: Date,
): boolean {
  const { quietStart, quietEnd } = preferences;
  if (quietStart === null || quietEnd === null || quietStart === quietEnd) return false;
  const now = localMinutes(at, preferences.timezone);
  const start = minutesOf(quietStart);
  const end = minutesOf(quietEnd);
  return start < end ? start <= now && now < end : now >= start || now < end;
}

/** True when a notification made at `now` should also be emailed. */
export function shouldEmail(preferences: ChannelPreferences, now: Date): boolean {
  return preferences.email && !!preferences.emailAddress && !withinQuietHours(preferences, now);
}

/** True when a notification made at `now` should also be pushed to the member's devices. */
export function shouldPush(preferences: ChannelPreferences, now: Date): boolean {
  return preferences.push && !withinQuietHours(preferences, now);
}
