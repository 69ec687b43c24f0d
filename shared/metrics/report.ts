/**
 * What an isolate reports to the metrics worker, and the schema the metrics
 * worker checks it against (`POST /internal/metrics/reports`).
 *
 * Counters and histograms carry what was added since the isolate's last
 * report (deltas), so the metrics worker can add reports from any number of
 * isolates into one total; gauges carry their current value, kept per
 * isolate (`instance`) until it stops reporting.
 *
 * @module
 */
import * as v from "valibot";

/** The kinds of metric a report carries (summaries cannot be added up, so none are sent). */
export type ReportedType = "counter" | "histogram" | "gauge";

/** One sample: a delta for counters and histograms, the current value for gauges. */
export interface ReportedSample {
  /** The sample's name: the family's, or the family's plus `_bucket`, `_sum` or `_count`. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One metric family in a report. */
export interface ReportedFamily {
  name: string;
  help: string;
  type: ReportedType;
  samples: ReportedSample[];
}

/** One report of one isolate. */
export interface MetricsReport {
  /** Unique per report and kept across its retries: the metrics worker adds a report once. */
  id: string;
  /** The isolate, e.g. `workouts-1f2e3d4c`: the `instance` label of its gauges. */
  instance: string;
  families: ReportedFamily[];
}

const metricName = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "a Prometheus metric name"),
);
const labelName = v.pipe(
  v.string(),
  v.maxLength(100),
  v.regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "a Prometheus label name"),
);
const token = v.pipe(v.string(), v.regex(/^[\w.-]{1,80}$/, "1 to 80 letters, digits, _ . -"));

const sampleSchema = v.object({
  name: metricName,
  labels: v.pipe(
    v.record(labelName, v.pipe(v.string(), v.maxLength(1024))),
    v.check((labels) => Object.keys(labels).length <= 20, "at most 20 labels"),
  ),
  value: v.pipe(v.number(), v.finite()),
});

const histogramSuffixes = ["_bucket", "_sum", "_count"];

const familySchema = v.pipe(
  v.object({
    name: metricName,
    help: v.pipe(v.string(), v.maxLength(1024)),
    type: v.picklist(["counter", "histogram", "gauge"]),
    samples: v.pipe(v.array(sampleSchema), v.maxLength(5_000)),
  }),
  v.check(
    (family) =>
      family.samples.every((sample) =>
        family.type === "histogram"
          ? histogramSuffixes.some((suffix) => sample.name === family.name + suffix)
          : sample.name === family.name
      ),
    "each sample is named after its family (histograms: _bucket, _sum, _count)",
  ),
  v.check(
    (family) =>
      family.type === "gauge" ||
      family.samples.every((sample) => sample.value >= 0 || sample.name.endsWith("_sum")),
    "counters and histogram counts only grow: their deltas are not negative",
  ),
);

/** A report as the metrics worker accepts it. */
export const metricsReportSchema = v.object({
  id: token,
  instance: token,
  families: v.pipe(
    v.array(familySchema),
    v.maxLength(1_000),
    v.check(
      (families) => families.reduce((n, family) => n + family.samples.length, 0) <= 20_000,
      "at most 20,000 samples",
    ),
  ),
});
