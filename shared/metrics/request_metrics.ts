/**
 * The RED metrics of a worker's HTTP requests (`http_requests_total` and
 * `http_request_duration_seconds`), recorded without prom-client's per-call
 * work and shown to a prom-client `Registry` in exactly prom-client's shapes.
 *
 * prom-client's label children still validate and hash their labels on every
 * `inc` and `observe` (a string key built per call): 10 % of the JavaScript's
 * time on a warm read, seen with `deno run --cpu-prof`. Here a request's series
 * is found through two Map lookups by route and method, and recording it is a
 * few additions to numbers kept in that series. The registry reads them through
 * the same `get()` (JSON, for the metrics worker's reports) and
 * `getForPromString()` (text) a prom-client Counter and Histogram offer, and
 * ./request_metrics_test.ts checks both against prom-client's own.
 *
 * @module
 */
import type { Metric, Registry } from "prom-client";

/** One method and route: its duration buckets, and a count per status. */
interface Series {
  labels: { method: string; route: string };
  /** Observations per bucket, not cumulative; the last one is beyond every bound (+Inf). */
  buckets: Float64Array;
  sum: number;
  count: number;
  statuses: Map<number, StatusCount>;
}

/** The requests of one series that ended with one status. */
interface StatusCount {
  value: number;
  labels: { method: string; route: string; status: string };
}

/** A value as prom-client's `get()` hands it to the registry. */
interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
  sharedLabels?: Record<string, string>;
  exemplar?: null;
}

/** What the registry prints above each metric's values. */
const counterInfo = {
  name: "http_requests_total",
  help: "HTTP requests answered, by route pattern and status.",
  type: "counter",
  aggregator: "sum",
} as const;
const histogramInfo = {
  name: "http_request_duration_seconds",
  help: "Time to answer an HTTP request, by route pattern.",
  type: "histogram",
  aggregator: "sum",
} as const;

/** The two request metrics of one worker, registered in `registry`. */
export class RequestMetrics {
  readonly #series = new Map<string, Map<string, Series>>();
  /** Series and counts in the order they were first recorded, as prom-client lists them. */
  readonly #seriesInOrder: Series[] = [];
  readonly #countsInOrder: StatusCount[] = [];
  readonly #bounds: readonly number[];

  constructor(registry: Registry, bounds: readonly number[]) {
    this.#bounds = bounds;
    const counter = {
      ...counterInfo,
      get: () => this.#counterValues(),
      reset: () => this.#reset(),
    };
    const histogram = {
      ...histogramInfo,
      get: () => this.#histogramValues(true),
      getForPromString: () => this.#histogramValues(false),
      reset: () => this.#reset(),
    };
    // The registry only calls what these offer: `get`, `getForPromString`, `reset` and the name.
    registry.registerMetric(counter as unknown as Metric);
    registry.registerMetric(histogram as unknown as Metric);
  }

  /** Counts one answered request of `method` on `route` with `status`, taking `seconds`. */
  record(method: string, route: string, status: number, seconds: number): void {
    const series = this.#seriesOf(method, route);
    let bucket = 0;
    while (bucket < this.#bounds.length && seconds > this.#bounds[bucket]) bucket++;
    series.buckets[bucket]++;
    series.sum += seconds;
    series.count++;
    let counted = series.statuses.get(status);
    if (!counted) {
      counted = { value: 0, labels: { method, route, status: String(status) } };
      series.statuses.set(status, counted);
      this.#countsInOrder.push(counted);
    }
    counted.value++;
  }

  #seriesOf(method: string, route: string): Series {
    let byMethod = this.#series.get(route);
    if (!byMethod) this.#series.set(route, byMethod = new Map());
    let series = byMethod.get(method);
    if (!series) {
      series = {
        labels: { method, route },
        buckets: new Float64Array(this.#bounds.length + 1),
        sum: 0,
        count: 0,
        statuses: new Map(),
      };
      byMethod.set(method, series);
      this.#seriesInOrder.push(series);
    }
    return series;
  }

  #reset(): void {
    this.#series.clear();
    this.#seriesInOrder.length = 0;
    this.#countsInOrder.length = 0;
  }

  #counterValues() {
    const values = this.#countsInOrder.map(({ value, labels }) => ({
      value,
      labels: { ...labels },
    }));
    return Promise.resolve({ ...counterInfo, values });
  }

  /**
   * The histogram as prom-client's gives it: per series, the cumulative bucket counts (`le`),
   * then `+Inf`, `_sum` and `_count`; the series' labels as `sharedLabels` for the text, or
   * splayed into each value's labels after `le` for JSON (`get()`).
   */
  #histogramValues(splay: boolean) {
    const { name } = histogramInfo;
    const values: MetricValue[] = [];
    const value = (
      labels: Record<string, string | number>,
      shared: Series["labels"],
      v: number,
      metricName: string,
      exemplar?: null,
    ): MetricValue =>
      splay
        ? { value: v, metricName, exemplar, labels: { ...labels, ...shared } }
        : { labels, sharedLabels: { ...shared }, value: v, metricName, exemplar };
    for (const series of this.#seriesInOrder) {
      let cumulative = 0;
      this.#bounds.forEach((bound, i) => {
        cumulative += series.buckets[i];
        values.push(value({ le: bound }, series.labels, cumulative, `${name}_bucket`, null));
      });
      values.push(
        value({ le: "+Inf" }, series.labels, series.count, `${name}_bucket`, null),
        value({}, series.labels, series.sum, `${name}_sum`),
        value({}, series.labels, series.count, `${name}_count`),
      );
    }
    return Promise.resolve({ ...histogramInfo, values });
  }
}
