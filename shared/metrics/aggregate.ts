/**
 * Merges the metrics of many workers into one exposition.
 *
 * The Pushgateway keeps only what is pushed and never aggregates, and a
 * Prometheus exposition may name a metric only once: so the metrics of every
 * worker (distinct by their `worker` label) are merged here before anyone
 * scrapes or pushes them.
 *
 * @module
 */
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from "prom-client";

/** One worker's metrics in prom-client's JSON form (`registry.getMetricsAsJSON()`). */
export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** The Prometheus text exposition of all the given workers' metrics. */
export async function mergeMetrics(perWorker: MetricsJson[]): Promise<string> {
  // `aggregate` sums series with identical labels; the `worker` default label
  // keeps each worker's series apart, so nothing is summed across workers.
  return await AggregatorRegistry.aggregate(perWorker).metrics();
}
