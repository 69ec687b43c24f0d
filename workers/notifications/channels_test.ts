import assert from "node:assert/strict";
import {
  type ChannelPreferences,
  defaultPreferences,
  localMinutes,
  shouldEmail,
  withinQuietHours,
} from "./channels.ts";

function window(quietStart: string, quietEnd: string, timezone = "UTC") {
  return { quietStart, quietEnd, timezone };
}

const at = (iso: string) => new Date(iso);

Deno.test("[notifications] localMinutes", async (t) => {
  await t.step("reads the wall clock of the zone", () => {
    assert.equal(localMinutes(at("2026-03-01T13:30:00Z"), "UTC"), 13 * 60 + 30);
    assert.equal(localMinutes(at("2026-03-01T13:30:00Z"), "Asia/Tokyo"), 22 * 60 + 30);
    assert.equal(localMinutes(at("2026-03-01T23:45:00Z"), "Asia/Kolkata"), 5 * 60 + 15);
  });

  await t.step("answers local midnight as 0, never 24:00", () => {
    assert.equal(localMinutes(at("2026-03-01T15:00:00Z"), "Asia/Tokyo"), 0);
    assert.equal(localMinutes(at("2026-03-01T00:00:00Z"), "UTC"), 0);
  });

  await t.step("reads an unknown zone as UTC", () => {
    assert.equal(localMinutes(at("2026-03-01T13:30:00Z"), "Mars/Olympus_Mons"), 13 * 60 + 30);
  });
});

Deno.test("[notifications] withinQuietHours", async (t) => {
  await t.step("is never quiet without a window", () => {
    assert.equal(withinQuietHours(defaultPreferences, at("2026-03-01T03:00:00Z")), false);
    assert.equal(
      withinQuietHours(
        { quietStart: "22:00", quietEnd: null, timezone: "UTC" },
        at("2026-03-01T23:00:00Z"),
      ),
      false,
    );
  });

  await t.step("includes the start and excludes the end of a same-day window", () => {
    const office = window("09:00", "17:00");
    const cases: [string, boolean][] = [
      ["08:59", false],
      ["09:00", true],
      ["12:00", true],
      ["16:59", true],
      ["17:00", false],
      ["23:30", false],
      ["00:00", false],
    ];
    for (const [clock, quiet] of cases) {
      assert.equal(withinQuietHours(office, at(`2026-03-01T${clock}:30Z`)), quiet, clock);
    }
  });

  await t.step("covers both sides of midnight for a window crossing it", () => {
    const night = window("22:00", "07:00");
    const cases: [string, boolean][] = [
      ["21:59", false],
      ["22:00", true],
      ["23:59", true],
      ["00:00", true],
      ["03:00", true],
      ["06:59", true],
      ["07:00", false],
      ["12:00", false],
    ];
    for (const [clock, quiet] of cases) {
      assert.equal(withinQuietHours(night, at(`2026-03-01T${clock}:00Z`)), quiet, clock);
    }
  });

  await t.step("handles a one-minute window ending at midnight", () => {
    const late = window("23:59", "00:00");
    assert.equal(withinQuietHours(late, at("2026-03-01T23:59:30Z")), true);
    assert.equal(withinQuietHours(late, at("2026-03-01T00:00:00Z")), false);
    assert.equal(withinQuietHours(late, at("2026-03-01T23:58:59Z")), false);
  });

  await t.step("reads the window on the member's clock in Asia/Tokyo (UTC+9)", () => {
    const night = window("22:00", "07:00", "Asia/Tokyo");
    // 13:30Z is 22:30 in Tokyo: quiet, although it is afternoon in UTC.
    assert.equal(withinQuietHours(night, at("2026-03-01T13:30:00Z")), true);
    // 12:59Z is 21:59 in Tokyo.
    assert.equal(withinQuietHours(night, at("2026-03-01T12:59:00Z")), false);
    // 21:59Z is 06:59 the next morning in Tokyo; 22:00Z is 07:00.
    assert.equal(withinQuietHours(night, at("2026-03-01T21:59:00Z")), true);
    assert.equal(withinQuietHours(night, at("2026-03-01T22:00:00Z")), false);
    // 03:00Z, night in UTC, is noon in Tokyo.
    assert.equal(withinQuietHours(night, at("2026-03-01T03:00:00Z")), false);
  });

  await t.step("follows daylight saving time (America/New_York)", () => {
    const night = window("22:00", "07:00", "America/New_York");
    // 2026-03-08 clocks go forward at 02:00 EST. 11:30Z is 07:30 EDT (06:30 in EST).
    assert.equal(withinQuietHours(night, at("2026-03-08T11:30:00Z")), false);
    assert.equal(withinQuietHours(night, at("2026-03-07T11:30:00Z")), true);
    // Summer: 02:30Z is 22:30 EDT.
    assert.equal(withinQuietHours(night, at("2026-07-01T02:30:00Z")), true);
    assert.equal(withinQuietHours(night, at("2026-07-01T01:30:00Z")), false);
  });

  await t.step("handles half-hour offsets (Asia/Kolkata, UTC+5:30)", () => {
    const dawn = window("05:00", "05:30", "Asia/Kolkata");
    assert.equal(withinQuietHours(dawn, at("2026-03-01T23:30:00Z")), true);
    assert.equal(withinQuietHours(dawn, at("2026-03-01T23:29:00Z")), false);
    assert.equal(withinQuietHours(dawn, at("2026-03-02T00:00:00Z")), false);
  });

  await t.step("treats an empty window (start = end) as never quiet", () => {
    assert.equal(withinQuietHours(window("08:00", "08:00"), at("2026-03-01T08:00:00Z")), false);
  });
});

Deno.test("[notifications] shouldEmail", async (t) => {
  const member: ChannelPreferences = {
    ...defaultPreferences,
    emailAddress: "ada@example.com",
    quietStart: "22:00",
    quietEnd: "07:00",
    timezone: "Asia/Tokyo",
  };
  const tokyoNoon = at("2026-03-01T03:00:00Z");
  const tokyoMidnight = at("2026-03-01T15:00:00Z");

  await t.step("emails when email is on, the address known and outside quiet hours", () => {
    assert.equal(shouldEmail(member, tokyoNoon), true);
  });

  await t.step("does not email within quiet hours on the member's clock", () => {
    assert.equal(shouldEmail(member, tokyoMidnight), false);
  });

  await t.step("does not email when the member turned email off", () => {
    assert.equal(shouldEmail({ ...member, email: false }, tokyoNoon), false);
  });

  await t.step("does not email without a known address", () => {
    assert.equal(shouldEmail({ ...member, emailAddress: null }, tokyoNoon), false);
    assert.equal(shouldEmail({ ...member, emailAddress: "" }, tokyoNoon), false);
    assert.equal(shouldEmail(defaultPreferences, tokyoNoon), false);
  });
});
