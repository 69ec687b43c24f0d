/**
 * The web section of the benchmark report: its JSON shape, the verdicts against the targets of
 * issue 12 (initial JS ≤ 150 KB gzip; Lighthouse accessibility 100, performance and
 * best-practices ≥ 90) and its Markdown table. Pure: ./web.ts measures, this only judges and
 * renders. Verdicts read as ./report.ts judges a scenario: "pass", "miss", or why nothing was
 * measured.
 *
 * @module
 */
/** How the time to interactive is defined (written into the report next to the figures). */
export const ttiDefinition =
  "TTI: from navigation start to the moment the screen's main content is in the DOM " +
  "(nothing in `main` marked loading or busy) and the main thread has had no long task " +
  "(PerformanceObserver `longtask`, > 50 ms) since, kept for 500 ms; on a cold load " +
  "(new browser context, empty cache), Chromium with CPU throttled ×4 (CDP " +
  "`Emulation.setCPUThrottlingRate`), viewport 375 × 812";

/** The initial JavaScript of the production build against its budget. */
export interface InitialJsReport {
  gzipBytes: number;
  budgetBytes: number;
  chunks: { file: string; gzipBytes: number }[];
  pass: boolean;
  result: string;
}

/** Cold-load times of the dashboard and of an empty Vite page, measured alike. */
export interface TtiReport {
  cpuThrottling: number;
  /** Cold loads of each page (after one warm-up each, not counted). */
  loads: number;
  dashboardMs: number[];
  emptyMs: number[];
  dashboardMedianMs: number;
  emptyMedianMs: number;
  /** dashboard ÷ empty page, medians: how many empty pages a dashboard costs. */
  ratio: number;
}

/** One Lighthouse category. */
export interface LighthouseScore {
  category: string;
  /** 0–100; null when Lighthouse could not score it. */
  score: number | null;
  target: number;
  pass: boolean | null;
  result: string;
}

/** The Lighthouse run. */
export interface LighthouseReport {
  version: string;
  url: string;
  formFactor: string;
  scores: LighthouseScore[];
  /**
   * Lighthouse's measure of this machine's CPU in the run with the default slowdown (a fast
   * desktop scores about 1500); a calibrated slowdown is computed from it.
   */
  benchmarkIndex: number | null;
  /** The CPU slowdown Lighthouse simulated (its default is 4). */
  cpuSlowdownMultiplier: number;
  /** The performance score with the default ×4, when the scores above used a calibrated one. */
  defaultPerformance?: number | null;
  /** What Lighthouse flagged in a category that missed its target (audit titles). */
  failing: string[];
}

/** A part that could not be measured says why, instead of ending the run. */
export type Measured<T> = T | { error: string };

/** Everything `deno task bench` writes about the web app. */
export interface WebReport {
  initialJs: Measured<InitialJsReport>;
  tti: Measured<TtiReport>;
  lighthouse: Measured<LighthouseReport>;
  ttiDefinition: string;
}

/** Lighthouse's categories and the target of each (issue 12). */
export const lighthouseTargets: Record<string, number> = {
  performance: 90,
  accessibility: 100,
  "best-practices": 90,
};

/** Judges the initial JS: at most the budget. */
export function judgeInitialJs(
  gzipBytes: number,
  budgetBytes: number,
  chunks: InitialJsReport["chunks"],
): InitialJsReport {
  const pass = gzipBytes <= budgetBytes;
  return { gzipBytes, budgetBytes, chunks, pass, result: pass ? "pass" : "miss" };
}

/** The median of `values` (the mean of the middle two when there is an even number). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error("Cannot take the median of no values");
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Summarises the cold loads of both pages. */
export function summariseTti(
  dashboardMs: number[],
  emptyMs: number[],
  cpuThrottling: number,
): TtiReport {
  const dashboardMedianMs = median(dashboardMs);
  const emptyMedianMs = median(emptyMs);
  return {
    cpuThrottling,
    loads: dashboardMs.length,
    dashboardMs,
    emptyMs,
    dashboardMedianMs,
    emptyMedianMs,
    ratio: dashboardMedianMs / emptyMedianMs,
  };
}

/**
 * The CPU slowdown that makes this machine a mid-tier phone, from Lighthouse's benchmark
 * index, by Lighthouse's own calculator (docs/throttling.md, "calibrating the CPU slowdown"):
 * its default ×4 assumes a fast desktop (index ≈ 1533); a slower or busier machine already is
 * part of the way to a phone. Never above the default, never below 1.
 */
export function calibratedCpuMultiplier(benchmarkIndex: number): number {
  const multiplier = benchmarkIndex >= 1300
    ? 3 + (benchmarkIndex - 1300) / 233
    : benchmarkIndex >= 800
    ? 2 + (benchmarkIndex - 800) / 500
    : 1 + (benchmarkIndex - 150) / 650;
  return Math.round(Math.min(4, Math.max(1, multiplier)) * 100) / 100;
}

interface LighthouseJson {
  lighthouseVersion?: string;
  environment?: { benchmarkIndex?: number };
  finalDisplayedUrl?: string;
  requestedUrl?: string;
  configSettings?: { formFactor?: string; throttling?: { cpuSlowdownMultiplier?: number } };
  categories?: Record<string, { score: number | null; auditRefs?: { id: string }[] }>;
  audits?: Record<string, { title: string; score: number | null; scoreDisplayMode?: string }>;
  runtimeError?: { code: string; message: string };
}

/**
 * Reads the scores out of Lighthouse's JSON report (`--output=json`) and judges each against
 * its target; the audits that cost a missed category points are listed by title.
 */
export function parseLighthouse(json: string): LighthouseReport {
  const lhr = JSON.parse(json) as LighthouseJson;
  if (lhr.runtimeError) {
    throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  }
  if (!lhr.categories) throw new Error("Lighthouse: the report has no categories");
  const failing: string[] = [];
  const scores = Object.entries(lighthouseTargets).map(([category, target]) => {
    const found = lhr.categories?.[category];
    if (!found || found.score === null) {
      return { category, score: null, target, pass: false, result: "not scored" };
    }
    const score = Math.round(found.score * 100);
    const pass = score >= target;
    if (!pass) {
      for (const { id } of found.auditRefs ?? []) {
        const audit = lhr.audits?.[id];
        const scored = audit?.scoreDisplayMode === "binary" ||
          audit?.scoreDisplayMode === "numeric" || audit?.scoreDisplayMode === "metricSavings";
        if (audit && scored && audit.score !== null && audit.score < 0.9) {
          failing.push(`${category}: ${audit.title} (${Math.round(audit.score * 100)})`);
        }
      }
    }
    return { category, score, target, pass, result: pass ? "pass" : "miss" };
  });
  return {
    version: lhr.lighthouseVersion ?? "unknown",
    url: lhr.finalDisplayedUrl ?? lhr.requestedUrl ?? "",
    formFactor: lhr.configSettings?.formFactor ?? "unknown",
    scores,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    cpuSlowdownMultiplier: lhr.configSettings?.throttling?.cpuSlowdownMultiplier ?? 4,
    failing,
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function ms(value: number): string {
  return `${Math.round(value).toLocaleString("en-US")} ms`;
}

function failed(part: Measured<unknown>): part is { error: string } {
  return typeof part === "object" && part !== null && "error" in part;
}

/** The web section of latest.md. */
export function renderWeb(web: WebReport): string {
  const rows: string[][] = [];
  const { initialJs, tti, lighthouse } = web;
  if (failed(initialJs)) rows.push(["initial JS (gzip)", "—", "≤ 150.0 KB", initialJs.error]);
  else {
    rows.push([
      `initial JS (gzip, ${initialJs.chunks.length} chunks)`,
      kb(initialJs.gzipBytes),
      `≤ ${kb(initialJs.budgetBytes)}`,
      initialJs.result,
    ]);
  }
  if (failed(tti)) rows.push(["dashboard TTI ÷ empty Vite page", "—", "—", tti.error]);
  else {
    const loads = `median of ${tti.loads} cold loads, CPU ×${tti.cpuThrottling}`;
    rows.push(
      [`dashboard TTI, member signed in (${loads})`, ms(tti.dashboardMedianMs), "—", "—"],
      [`empty Vite page TTI (${loads})`, ms(tti.emptyMedianMs), "—", "—"],
      ["dashboard TTI ÷ empty Vite page", tti.ratio.toFixed(2), "—", "no target"],
    );
  }
  if (failed(lighthouse)) rows.push(["Lighthouse", "—", "—", lighthouse.error]);
  else {
    const cpu = `CPU ×${lighthouse.cpuSlowdownMultiplier}, benchmarkIndex ${
      lighthouse.benchmarkIndex === null ? "?" : Math.round(lighthouse.benchmarkIndex)
    }${
      lighthouse.defaultPerformance === undefined
        ? ""
        : `; with the default ×4: ${lighthouse.defaultPerformance ?? "—"}`
    }`;
    for (const score of lighthouse.scores) {
      const performance = score.category === "performance" ? `, ${cpu}` : "";
      rows.push([
        `Lighthouse ${score.category} (${lighthouse.formFactor}${performance})`,
        score.score === null ? "—" : String(score.score),
        score.target === 100 ? "100" : `≥ ${score.target}`,
        score.result,
      ]);
    }
  }
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const table = [["measure", "value", "target", "result"], ["---", "---", "---", "---"], ...rows]
    .map((cells) => `| ${cells.map(cell).join(" | ")} |`);
  const notes = [
    web.ttiDefinition + ".",
    ...(!failed(lighthouse)
      ? [`Lighthouse ${lighthouse.version} on ${lighthouse.url} (full report: lighthouse.json).`]
      : []),
    ...(!failed(lighthouse) && lighthouse.failing.length > 0
      ? ["", "Lighthouse audits below 90 in a category that missed its target:", ""].concat(
        lighthouse.failing.map((title) => `- ${title}`),
      )
      : []),
  ];
  return ["## Web app", "", ...table, "", ...notes, ""].join("\n");
}
