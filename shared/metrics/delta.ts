/**
 * The delta computation of one isolate's report, run on the report timer
 * (never per request): from the registries' current values and the values
 * already reported (the baseline), what was added since.
 *
 * - Counters: current minus reported; a value below the reported one means
 *   the counter was reset, so all of it is new. A series is sent the first
 *   time it is seen, even at 0, so its total exists before anything happens.
 * - Histograms: the same per sample, but a series whose count moved is sent
 *   whole (every bucket, even at 0), so the totals always hold every bucket
 *   of a series and quantiles stay computable.
 * - Gauges: their current value (a level cannot be added up).
 * - Summaries: left out; their quantiles cannot be added across isolates.
 *
 * @module
 */
import type { MetricObjectWithValues, MetricValue } from "prom-client";
import { renderSeries } from "./exposition.ts";
import type { ReportedFamily, ReportedSample } from "./report.ts";

/** One registry's metrics in prom-client's JSON form (`registry.getMetricsAsJSON()`). */
export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** What was reported so far, by series (`renderSeries` of the sample). */
export type Baseline = ReadonlyMap<string, number>;

/** The families to report, and the baseline once they are acknowledged. */
export interface Delta {
  families: ReportedFamily[];
  snapshot: Map<string, number>;
}

/** The report of `current` (registries as JSON) against `baseline`. */
export function computeDelta(current: MetricsJson[], baseline: Baseline): Delta {
  const snapshot = new Map<string, number>();
  const families: ReportedFamily[] = [];
  for (const metric of current.flat()) {
    const type = String(metric.type);
    if (type !== "counter" && type !== "histogram" && type !== "gauge") continue;
    const samples = metric.values
      // NaN is "no value yet" (the event-loop lag before its first sample): nothing to send.
      .filter((value) => Number.isFinite(value.value))
      .map((value) => ({
        name: (value as { metricName?: string }).metricName ?? metric.name,
        labels: stringLabels(value.labels),
        value: value.value,
      }));
    const reported = type === "gauge"
      ? samples
      : type === "counter"
      ? changedCounters(samples, baseline, snapshot)
      : changedHistograms(samples, baseline, snapshot);
    if (reported.length > 0) {
      families.push({ name: metric.name, help: metric.help, type, samples: reported });
    }
  }
  return { families, snapshot };
}

function changedCounters(
  samples: ReportedSample[],
  baseline: Baseline,
  snapshot: Map<string, number>,
): ReportedSample[] {
  const changed: ReportedSample[] = [];
  for (const sample of samples) {
    const series = renderSeries(sample.name, sample.labels);
    snapshot.set(series, sample.value);
    const delta = added(sample.value, baseline.get(series));
    // A series seen for the first time is sent even at 0, so its total exists from the start.
    if (delta !== 0 || !baseline.has(series)) changed.push({ ...sample, value: delta });
  }
  return changed;
}

function changedHistograms(
  samples: ReportedSample[],
  baseline: Baseline,
  snapshot: Map<string, number>,
): ReportedSample[] {
  // One histogram series is its samples with the same labels but `le`.
  const series = new Map<string, { sample: ReportedSample; key: string }[]>();
  for (const sample of samples) {
    const { le: _le, ...labels } = sample.labels;
    const group = renderSeries("", labels);
    const key = renderSeries(sample.name, sample.labels);
    snapshot.set(key, sample.value);
    const members = series.get(group);
    if (members) members.push({ sample, key });
    else series.set(group, [{ sample, key }]);
  }
  const changed: ReportedSample[] = [];
  for (const members of series.values()) {
    const count = members.find(({ sample }) => sample.name.endsWith("_count"));
    const sum = members.find(({ sample }) => sample.name.endsWith("_sum"));
    if (!count || !sum) continue;
    const previousCount = baseline.get(count.key);
    if (count.sample.value === previousCount && sum.sample.value === baseline.get(sum.key)) {
      continue;
    }
    // A count that did not grow although the series moved: the histogram was reset, and
    // everything in it is new.
    const reset = previousCount !== undefined && count.sample.value <= previousCount;
    for (const { sample, key } of members) {
      const previous = reset ? 0 : baseline.get(key) ?? 0;
      changed.push({ ...sample, value: sample.value - previous });
    }
  }
  return changed;
}

/** What a counter gained since `previous` (all of it after a reset). */
function added(current: number, previous: number | undefined): number {
  if (previous === undefined || current < previous) return current;
  return current - previous;
}

/** prom-client gives some label values as numbers (`nodejs_version_info{major}`). */
function stringLabels(labels: Record<string, unknown>): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) strings[name] = String(value);
  return strings;
}
