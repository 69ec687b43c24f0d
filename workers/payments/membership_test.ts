import assert from "node:assert/strict";
import { addMonths, extendedPeriodEnd, shortenedPeriodEnd } from "./membership.ts";

const at = (text: string) => new Date(text);

Deno.test("[payments] membership periods", async (t) => {
  await t.step("a month after 31 January is the last day of February", () => {
    assert.equal(
      addMonths(at("2026-01-31T10:00:00Z"), 1).toISOString(),
      "2026-02-28T10:00:00.000Z",
    );
    assert.equal(
      addMonths(at("2028-01-31T10:00:00Z"), 1).toISOString(),
      "2028-02-29T10:00:00.000Z",
    );
    assert.equal(
      addMonths(at("2026-03-31T00:00:00Z"), -1).toISOString(),
      "2026-02-28T00:00:00.000Z",
    );
  });

  await t.step("a first plan or one bought after the lapse starts now", () => {
    const now = at("2026-05-10T12:00:00Z");
    assert.equal(
      extendedPeriodEnd(undefined, "month", now).toISOString(),
      "2026-06-10T12:00:00.000Z",
    );
    assert.equal(
      extendedPeriodEnd(at("2026-05-01T00:00:00Z"), "year", now).toISOString(),
      "2027-05-10T12:00:00.000Z",
    );
  });

  await t.step("a plan bought while one runs extends it from its end", () => {
    const now = at("2026-05-10T12:00:00Z");
    assert.equal(
      extendedPeriodEnd(at("2026-06-10T12:00:00Z"), "month", now).toISOString(),
      "2026-07-10T12:00:00.000Z",
    );
  });

  await t.step("a refund takes its period back", () => {
    assert.equal(
      shortenedPeriodEnd(at("2027-06-10T12:00:00Z"), "year").toISOString(),
      "2026-06-10T12:00:00.000Z",
    );
  });
});
