import assert from "node:assert/strict";
import {
  addDays,
  fillSeries,
  isTimeZone,
  localDate,
  recentDates,
  recentWeekStarts,
  streaks,
  weekStartOf,
} from "./calendar.ts";

Deno.test("[analytics] calendar", async (t) => {
  await t.step("reads the local date in the member's timezone", () => {
    const lateEvening = new Date("2026-03-01T23:30:00Z");
    assert.equal(localDate(lateEvening, "UTC"), "2026-03-01");
    assert.equal(localDate(lateEvening, "Asia/Tokyo"), "2026-03-02");
    assert.equal(localDate(new Date("2026-03-02T03:00:00Z"), "America/New_York"), "2026-03-01");
  });

  await t.step("knows IANA timezones", () => {
    assert.equal(isTimeZone("Europe/Berlin"), true);
    assert.equal(isTimeZone("Mars/Olympus_Mons"), false);
  });

  await t.step("moves dates across months, years and leap days", () => {
    assert.equal(addDays("2026-02-28", 1), "2026-03-01");
    assert.equal(addDays("2028-02-28", 1), "2028-02-29");
    assert.equal(addDays("2026-01-01", -1), "2025-12-31");
  });

  await t.step("starts weeks on Monday", () => {
    assert.equal(weekStartOf("2026-03-02"), "2026-03-02"); // a Monday
    assert.equal(weekStartOf("2026-03-08"), "2026-03-02"); // Sunday
    assert.equal(weekStartOf("2026-03-04"), "2026-03-02");
  });

  await t.step("lists the last weeks and dates oldest first", () => {
    const weeks = recentWeekStarts("2026-03-04", 12);
    assert.equal(weeks.length, 12);
    assert.equal(weeks[11], "2026-03-02");
    assert.equal(weeks[0], "2025-12-15");
    assert.deepEqual(recentDates("2026-03-01", 3), ["2026-02-27", "2026-02-28", "2026-03-01"]);
  });

  await t.step("fills gaps of a series", () => {
    const found = new Map([["b", 2]]);
    assert.deepEqual(fillSeries(["a", "b", "c"], found, () => 0), [0, 2, 0]);
  });
});

Deno.test("[analytics] streaks", async (t) => {
  await t.step("are zero without sessions", () => {
    assert.deepEqual(streaks([], "2026-03-10"), { current: 0, longest: 0 });
  });

  await t.step("count a run ending today", () => {
    const days = ["2026-03-08", "2026-03-09", "2026-03-10"];
    assert.deepEqual(streaks(days, "2026-03-10"), { current: 3, longest: 3 });
  });

  await t.step("still count a run ending yesterday", () => {
    assert.deepEqual(streaks(["2026-03-08", "2026-03-09"], "2026-03-10"), {
      current: 2,
      longest: 2,
    });
  });

  await t.step("break after a day without a session", () => {
    assert.deepEqual(streaks(["2026-03-07", "2026-03-08"], "2026-03-10"), {
      current: 0,
      longest: 2,
    });
  });

  await t.step("keep the longest run of the past", () => {
    const days = ["2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04", "2026-03-09"];
    assert.deepEqual(streaks(days, "2026-03-10"), { current: 1, longest: 4 });
  });

  await t.step("ignore duplicates and order, and cross month ends", () => {
    const days = ["2026-03-01", "2026-02-28", "2026-03-01", "2026-02-27"];
    assert.deepEqual(streaks(days, "2026-03-01"), { current: 3, longest: 3 });
  });

  await t.step("leave days after today out of the current streak", () => {
    assert.deepEqual(streaks(["2026-03-10", "2026-03-12"], "2026-03-10"), {
      current: 1,
      longest: 1,
    });
  });
});
