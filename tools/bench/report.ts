/**
 * The benchmark report: its JSON shape, how a scenario is judged against its
 * target, the Markdown table, and writing both files.
 *
 * @module
 */
import type { SocketErrors, WrkResult } from "./wrk.ts";
import { type EventsReport, renderEvents } from "./events.ts";
import { type FootprintReport, renderFootprint } from "./footprint.ts";
import { renderWeb, type WebReport } from "./web_report.ts";
import { renderRoundTrips, type RoundTripsReport } from "./roundtrips_report.ts";

/** One measured run, trimmed to what the report keeps. Latencies in ms. */
export interface Measurement {
  requestsPerSec: number;
  requests: number;
  latencyMs: { p50: number; p90: number; p99: number };
  non2xx3xx: number;
  unexpectedStatus: number;
  socketErrors: SocketErrors;
  errors: number;
}

/** The bare Hono handler, measured before and after the scenarios. */
export interface BaselineReport {
  name: string;
  /** [before, after]: both are kept so drift over the run is visible. */
  runs: Measurement[];
  requestsPerSecMean: number;
  /** (after − before) / mean, in percent. */
  driftPct: number;
}

/** One scenario's outcome. */
export interface ScenarioReport {
  name: string;
  description: string;
  method: string;
  path: string;
  expectStatus: number;
  preflight: { status: number | null; ok: boolean; error?: string };
  /** Absent when the pre-flight check failed and nothing was measured. */
  measurement?: Measurement;
  ratio: number | null;
  /** What the ratio is taken against. */
  ratioTo?: string;
  target: number | null;
  /** null when there is no target or nothing was measured. */
  pass: boolean | null;
  result: string;
}

/** The API section: the wrk scenarios against the bare baseline. */
export interface ApiReport {
  wrk: {
    version?: string;
    threads: number;
    connections: number;
    durationSec: number;
    warmupSec: number;
    timeoutSec: number;
  };
  baseline: BaselineReport;
  /** Raw Argon2id hashes per second on one thread, when a scenario compares to it. */
  argon2HashesPerSec?: number | null;
  scenarios: ScenarioReport[];
  /** The event backbone's latency and throughput (absent when it could not be measured). */
  events?: EventsReport;
  /** The platform's memory after the load and its fresh start time (./footprint.ts). */
  footprint?: FootprintReport;
}

/**
 * Everything `deno task bench` writes to latest.json: the machine, then the API section's
 * fields, the round trips and the web section (each absent when its section did not run).
 */
export interface BenchReport extends Partial<ApiReport> {
  /** The sections that ran. */
  sections: string[];
  date: string;
  deno: string;
  v8: string;
  os: string;
  arch: string;
  cpus: number;
  stores: string;
  /** Round trips per request on the production adapters (absent unless that section ran). */
  roundTrips?: RoundTripsReport;
  /** The web app: build size, time to interactive, Lighthouse. */
  web?: WebReport;
}

/** Keeps the fields of a wrk result that the report shows. */
export function toMeasurement(result: WrkResult): Measurement {
  const { p50, p90, p99 } = result.latencyMs;
  return {
    requestsPerSec: result.requestsPerSec,
    requests: result.requests,
    latencyMs: { p50, p90, p99 },
    non2xx3xx: result.non2xx3xx,
    unexpectedStatus: result.unexpectedStatus,
    socketErrors: result.socketErrors,
    errors: result.errors,
  };
}

/** Summarises the two baseline runs. */
export function summariseBaseline(name: string, runs: Measurement[]): BaselineReport {
  const [before, after] = runs.map((run) => run.requestsPerSec);
  const mean = (before + after) / 2;
  return {
    name,
    runs,
    requestsPerSecMean: mean,
    driftPct: mean === 0 ? 0 : ((after - before) / mean) * 100,
  };
}

/**
 * Judges a measured scenario. Errors fail it even above target: a fast error
 * page is not the throughput being asked for.
 */
export function judge(
  ratio: number,
  target: number | undefined,
  errors: number,
): { pass: boolean | null; result: string } {
  const errorNote = errors > 0 ? ` (${errors} errors)` : "";
  if (target === undefined) {
    return { pass: null, result: errors > 0 ? `${errors} errors` : "no target" };
  }
  if (errors > 0) return { pass: false, result: `fail${errorNote}` };
  return ratio >= target ? { pass: true, result: "pass" } : { pass: false, result: "miss" };
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

function formatRatio(ratio: number): string {
  // Two decimals hide anything below 0.01, which the fan-out scenarios reach.
  return ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2);
}

function formatRps(rps: number): string {
  return Math.round(rps).toLocaleString("en-US");
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/** The Markdown report: the API section's settings line and table, events, then the web app. */
export function renderMarkdown(report: BenchReport): string {
  return [
    `# FitConnect benchmark, ${report.date}`,
    "",
    ...(report.wrk && report.baseline && report.scenarios
      ? renderApi(report as BenchReport & ApiReport)
      : [`Deno ${report.deno}, ${report.os}/${report.arch}, ${report.cpus} CPUs.`, ""]),
    ...(report.events ? [renderEvents(report.events)] : []),
    ...(report.roundTrips ? [renderRoundTrips(report.roundTrips)] : []),
    ...(report.footprint ? [renderFootprint(report.footprint)] : []),
    ...(report.web ? [renderWeb(report.web)] : []),
  ].join("\n");
}

/** The settings line, then one row per baseline run and scenario. */
function renderApi(report: BenchReport & ApiReport): string[] {
  const { wrk, baseline } = report;
  const rows: string[][] = baseline.runs.map((run, index) => [
    `${baseline.name} (${index === 0 ? "before" : "after"})`,
    formatRps(run.requestsPerSec),
    formatRatio(run.requestsPerSec / baseline.requestsPerSecMean),
    formatMs(run.latencyMs.p50),
    formatMs(run.latencyMs.p99),
    "—",
    run.errors > 0 ? `baseline (${run.errors} errors)` : "baseline",
  ]);
  for (const scenario of report.scenarios) {
    const m = scenario.measurement;
    rows.push([
      scenario.name,
      m ? formatRps(m.requestsPerSec) : "—",
      scenario.ratio === null ? "—" : formatRatio(scenario.ratio) +
        (scenario.ratioTo && scenario.ratioTo !== "bare Hono" ? ` (of ${scenario.ratioTo})` : ""),
      m ? formatMs(m.latencyMs.p50) : "—",
      m ? formatMs(m.latencyMs.p99) : "—",
      scenario.target === null ? "—" : `≥ ${scenario.target}`,
      scenario.result,
    ]);
  }
  const header = ["scenario", "req/s", "ratio to bare", "p50", "p99", "target", "result"];
  const table = [header, header.map(() => "---"), ...rows]
    .map((cells) => `| ${cells.map(escapeCell).join(" | ")} |`);
  return [
    `wrk ${wrk.threads} threads, ${wrk.connections} connections, ${wrk.durationSec} s per run ` +
    `(after ${wrk.warmupSec} s warm-up); Deno ${report.deno}, ${report.os}/${report.arch}, ` +
    `${report.cpus} CPUs; stores: ${report.stores}. Baseline mean ` +
    `${formatRps(baseline.requestsPerSecMean)} req/s, drift ${baseline.driftPct.toFixed(1)} %.`,
    "",
    ...table,
    "",
  ];
}

/** Writes latest.json and latest.md into `dir`, creating it. */
export async function writeReport(report: BenchReport, dir: URL): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(new URL("latest.json", dir), JSON.stringify(report, null, 2) + "\n");
  await Deno.writeTextFile(new URL("latest.md", dir), renderMarkdown(report));
}
