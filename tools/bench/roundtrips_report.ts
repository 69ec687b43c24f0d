/**
 * The round-trips section of the benchmark report: its JSON shape, how one
 * step's samples are summarised and judged, and its Markdown table
 * (./roundtrips.ts measures them).
 *
 * @module
 */

/** What was counted around one request. */
export interface RoundTripSample {
  /** WebSocket messages to PostgreSQL between sending the request and reading its answer. */
  db: number;
  /** Messages after the answer, until the proxy fell quiet (work the request left running). */
  dbAfter: number;
  /** REST requests to the Upstash bridge during the request. */
  kv: number;
  ms: number;
}

/** One step of a scenario, summarised over its samples. */
export interface RoundTripStep {
  name: string;
  requests: number;
  /** Medians per request: a timer of the platform firing in one window does not move them. */
  db: number;
  dbAfter: number;
  kv: number;
  /** Means per request, to show how steady the medians are. */
  dbMean: number;
  latencyMs: { p50: number; p99: number };
  /** Most database round trips one request may make; null: report only. */
  target: number | null;
  pass: boolean | null;
}

/** The section: the settings it ran with, then one row per step. */
export interface RoundTripsReport {
  latencyMs: number;
  stores: string;
  steps: RoundTripStep[];
  /** Why nothing was measured (no DATABASE_URL), when that is the case. */
  skipped?: string;
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Summarises a step's samples and judges its median against `target`. */
export function summariseStep(
  name: string,
  samples: RoundTripSample[],
  target: number | null,
): RoundTripStep {
  const db = median(samples.map((sample) => sample.db));
  const ms = samples.map((sample) => sample.ms);
  return {
    name,
    requests: samples.length,
    db,
    dbAfter: median(samples.map((sample) => sample.dbAfter)),
    kv: median(samples.map((sample) => sample.kv)),
    dbMean: samples.reduce((sum, sample) => sum + sample.db, 0) / samples.length,
    latencyMs: { p50: percentile(ms, 50), p99: percentile(ms, 99) },
    target,
    pass: target === null ? null : db <= target,
  };
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

/** The section's Markdown: a settings line and one row per step. */
export function renderRoundTrips(report: RoundTripsReport): string {
  const heading = "## Database round trips per request";
  if (report.skipped) return [heading, "", `Not measured: ${report.skipped}`, ""].join("\n");
  const header = [
    "step",
    "DB round trips",
    "mean",
    "DB after the answer",
    "KV round trips",
    "p50",
    "p99",
    "target",
    "result",
  ];
  const rows = report.steps.map((step) => [
    step.name,
    String(step.db),
    step.dbMean.toFixed(2),
    String(step.dbAfter),
    String(step.kv),
    formatMs(step.latencyMs.p50),
    formatMs(step.latencyMs.p99),
    step.target === null ? "—" : `≤ ${step.target}`,
    step.pass === null ? "no target" : step.pass ? "pass" : "miss",
  ]);
  const table = [header, header.map(() => "---"), ...rows]
    .map((cells) => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`);
  const requests = report.steps[0]?.requests ?? 0;
  return [
    heading,
    "",
    `Production adapters (${report.stores}), ${report.latencyMs} ms simulated round trip to ` +
    `PostgreSQL (tools/neon_ws_proxy.ts --latency-ms). One request at a time, ${requests} per ` +
    "step; medians per request; p50/p99 of the request alone. DB round trips are the proxy's " +
    'messages to PostgreSQL while the request ran; "after the answer" counts what it left ' +
    "running (e.g. the payment's webhook); KV round trips are REST calls to the Upstash bridge.",
    "",
    ...table,
    "",
  ].join("\n");
}
