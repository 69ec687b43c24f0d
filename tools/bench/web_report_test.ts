/**
 * Tests for the web section's judging, Lighthouse parsing and Markdown, and for the bench's
 * flags (`--only`, `--help`).
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  calibratedCpuMultiplier,
  judgeInitialJs,
  type LighthouseReport,
  median,
  parseLighthouse,
  renderWeb,
  summariseTti,
  ttiDefinition,
  type WebReport,
} from "./web_report.ts";
import { parseFlags } from "./flags.ts";

/** A Lighthouse JSON report, trimmed to what the parser reads. */
function lighthouseJson(scores: Record<string, number | null>, audits = {}) {
  return JSON.stringify({
    lighthouseVersion: "12.2.3",
    requestedUrl: "http://127.0.0.1:1/",
    finalDisplayedUrl: "http://127.0.0.1:1/",
    configSettings: { formFactor: "mobile", throttling: { cpuSlowdownMultiplier: 4 } },
    environment: { benchmarkIndex: 1500.4 },
    categories: Object.fromEntries(
      Object.entries(scores).map((
        [id, score],
      ) => [id, { score, auditRefs: [{ id: "color-contrast" }, { id: "meta-description" }] }]),
    ),
    audits,
  });
}

Deno.test("[bench] calibratedCpuMultiplier follows Lighthouse's calculator, within 1–4", () => {
  assert.equal(calibratedCpuMultiplier(2000), 4);
  assert.equal(calibratedCpuMultiplier(1533), 4);
  assert.equal(calibratedCpuMultiplier(1300), 3);
  assert.equal(calibratedCpuMultiplier(1050), 2.5);
  assert.equal(calibratedCpuMultiplier(800), 2);
  assert.equal(calibratedCpuMultiplier(475), 1.5);
  assert.equal(calibratedCpuMultiplier(100), 1);
});

Deno.test("[bench] median", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), /no values/);
});

Deno.test("[bench] summariseTti: medians and their ratio", () => {
  const tti = summariseTti([900, 1000, 5000], [200, 250, 100], 4);
  assert.equal(tti.dashboardMedianMs, 1000);
  assert.equal(tti.emptyMedianMs, 200);
  assert.equal(tti.ratio, 5);
  assert.equal(tti.loads, 3);
});

Deno.test("[bench] judgeInitialJs: at most the budget passes", () => {
  assert.equal(judgeInitialJs(150 * 1024, 150 * 1024, []).result, "pass");
  assert.deepEqual(
    { ...judgeInitialJs(150 * 1024 + 1, 150 * 1024, []), chunks: undefined },
    {
      gzipBytes: 150 * 1024 + 1,
      budgetBytes: 150 * 1024,
      chunks: undefined,
      pass: false,
      result: "miss",
    },
  );
});

Deno.test("[bench] parseLighthouse", async (t) => {
  await t.step("scores in percent, judged against 90 / 100 / 90", () => {
    const report = parseLighthouse(
      lighthouseJson({ performance: 0.904, accessibility: 1, "best-practices": 0.96 }),
    );
    assert.equal(report.version, "12.2.3");
    assert.equal(report.formFactor, "mobile");
    assert.deepEqual(
      report.scores.map(({ category, score, result }) => [category, score, result]),
      [
        ["performance", 90, "pass"],
        ["accessibility", 100, "pass"],
        ["best-practices", 96, "pass"],
      ],
    );
    assert.deepEqual(report.failing, []);
    assert.equal(report.benchmarkIndex, 1500.4);
    assert.equal(report.cpuSlowdownMultiplier, 4);
  });
  await t.step("accessibility below 100 misses and names the failing audits", () => {
    const report = parseLighthouse(lighthouseJson(
      { performance: 0.5, accessibility: 0.98, "best-practices": null },
      {
        "color-contrast": { title: "Contrast", score: 0, scoreDisplayMode: "binary" },
        "meta-description": { title: "Described", score: 1, scoreDisplayMode: "binary" },
      },
    ));
    assert.deepEqual(report.scores.map(({ score, pass, result }) => [score, pass, result]), [
      [50, false, "miss"],
      [98, false, "miss"],
      [null, false, "not scored"],
    ]);
    assert.ok(report.failing.includes("accessibility: Contrast (0)"));
    assert.ok(!report.failing.some((line) => line.includes("Described")));
  });
  await t.step("a runtime error is an error, not a score of zero", () => {
    assert.throws(
      () =>
        parseLighthouse(JSON.stringify({
          runtimeError: { code: "NO_FCP", message: "The page did not paint" },
          categories: {},
        })),
      /NO_FCP/,
    );
  });
});

Deno.test("[bench] renderWeb", async (t) => {
  const web: WebReport = {
    initialJs: judgeInitialJs(100 * 1024, 150 * 1024, [{ file: "a.js", gzipBytes: 100 * 1024 }]),
    tti: summariseTti([1200, 1300, 1250], [250, 240, 260], 4),
    lighthouse: parseLighthouse(
      lighthouseJson({ performance: 0.95, accessibility: 0.97, "best-practices": 1 }, {
        "color-contrast": { title: "Low | contrast", score: 0, scoreDisplayMode: "binary" },
      }),
    ),
    ttiDefinition,
  };
  await t.step("one row per figure, pipes escaped, failing audits listed", () => {
    const lines = renderWeb(web).split("\n");
    assert.equal(lines[0], "## Web app");
    assert.ok(lines.includes("| initial JS (gzip, 1 chunks) | 100.0 KB | ≤ 150.0 KB | pass |"));
    assert.ok(lines.includes("| dashboard TTI ÷ empty Vite page | 5.00 | — | no target |"));
    assert.ok(lines.includes("| Lighthouse accessibility (mobile) | 97 | 100 | miss |"));
    assert.ok(
      lines.includes(
        "| Lighthouse performance (mobile, CPU ×4, benchmarkIndex 1500) | 95 | ≥ 90 | pass |",
      ),
    );
    assert.ok(lines.includes("- accessibility: Low | contrast (0)"));
  });
  await t.step("a calibrated run shows its slowdown and the default score", () => {
    const lighthouse = web.lighthouse as LighthouseReport;
    const text = renderWeb({
      ...web,
      lighthouse: { ...lighthouse, cpuSlowdownMultiplier: 1.2, defaultPerformance: 61 },
    });
    assert.ok(
      text.includes("(mobile, CPU ×1.2, benchmarkIndex 1500; with the default ×4: 61) | 95 |"),
    );
  });
  await t.step("a part that failed shows its reason", () => {
    const text = renderWeb({ ...web, lighthouse: { error: "Lighthouse failed: exit 1" } });
    assert.ok(text.includes("| Lighthouse | — | — | Lighthouse failed: exit 1 |"));
  });
});

Deno.test("[bench] flags", async (t) => {
  await t.step("every section by default, one with --only", () => {
    assert.deepEqual(parseFlags([]).sections, ["api", "roundtrips", "web"]);
    assert.deepEqual(parseFlags(["--only", "roundtrips"]).sections, ["roundtrips"]);
    assert.deepEqual(parseFlags(["--only", "web"]).sections, ["web"]);
  });
  await t.step("an unknown section is refused", () => {
    assert.throws(
      () => parseFlags(["--only", "webb"]),
      /"webb" is not one of api, roundtrips, web/,
    );
  });
  await t.step("--help, and BENCH_DURATION under --duration", () => {
    assert.equal(parseFlags(["--help"]).help, true);
    assert.equal(parseFlags([], "3").load.durationSec, 3);
    assert.equal(parseFlags(["--duration", "5"], "3").load.durationSec, 5);
  });
});
