import assert from "node:assert/strict";
import { decodeCursor, encodeCursor } from "../../shared/http/paging.ts";
import { parseTimestamp } from "./time.ts";

Deno.test("[workouts] parseTimestamp", async (t) => {
  await t.step("reads RFC 3339 date-times with any offset", () => {
    const cases: [string, string][] = [
      ["2026-03-01T09:00:00Z", "2026-03-01T09:00:00.000Z"],
      ["2026-03-01t09:00:00.5z", "2026-03-01T09:00:00.500Z"],
      ["2026-03-01T09:00:00.123456789+02:00", "2026-03-01T07:00:00.123Z"],
      ["2026-03-01T00:30:00-01:30", "2026-03-01T02:00:00.000Z"],
      ["2024-02-29T12:00:00Z", "2024-02-29T12:00:00.000Z"],
      ["0099-01-01T00:00:00Z", "0099-01-01T00:00:00.000Z"],
    ];
    for (const [text, iso] of cases) assert.equal(parseTimestamp(text)?.toISOString(), iso, text);
  });

  await t.step("refuses what Date.parse would bend", () => {
    for (
      const text of [
        "2026-02-30T10:00:00Z",
        "2025-02-29T10:00:00Z",
        "2026-03-01T24:00:00Z",
        "2026-03-01T23:59:60Z",
        "2026-13-01T10:00:00Z",
        "2026-03-01T10:00:00",
        "2026-03-01 10:00:00Z",
        "2026-03-01",
        "2026-03-01T10:00:00+24:00",
        "yesterday",
        "",
      ]
    ) {
      assert.equal(parseTimestamp(text), undefined, text);
    }
  });
});

Deno.test("[workouts] cursors", async (t) => {
  await t.step("round-trip through URL-safe text", () => {
    const cursor = encodeCursor({ k: "ex", n: "Überzug / Pull-over ±", i: "x_1" });
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor), { k: "ex", n: "Überzug / Pull-over ±", i: "x_1" });
  });

  await t.step("anything else decodes to undefined", () => {
    for (const text of ["", "!!", "abc", "a".repeat(2000), encodeCursor({}).slice(0, -2) + "$"]) {
      assert.equal(decodeCursor(text), undefined, text);
    }
  });
});
