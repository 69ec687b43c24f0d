/**
 * Collects every worker's metrics through its service binding and merges them
 * into one exposition (the Pushgateway and Prometheus each want one).
 *
 * @module
 */
import { Gauge, type Registry } from "prom-client";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { mergeMetrics, type MetricsJson } from "../../shared/metrics/aggregate.ts";

/**
 * Scrapes the targets' `/internal/metrics` and merges them with this
 * process's own registries (the first is this worker's).
 */
export function createCollector(
  targets: Record<string, ServiceBinding>,
  [own, ...extra]: [Registry, ...Registry[]],
  timeoutMs = 2_000,
) {
  const up = new Gauge({
    name: "fitconnect_worker_up",
    help: "1 when the worker answered the last metrics collection, 0 when it did not.",
    labelNames: ["target"] as const,
    registers: [own],
  });

  async function scrape(name: string, binding: ServiceBinding): Promise<MetricsJson | null> {
    try {
      const response = await binding.fetch(
        new Request("http://metrics.internal/internal/metrics", {
          headers: { accept: "application/json" },
          signal: AbortSignal.timeout(timeoutMs),
        }),
      );
      if (!response.ok) throw new Error(`status ${response.status}`);
      const metrics = await response.json() as MetricsJson;
      up.set({ target: name }, 1);
      return metrics;
    } catch {
      up.set({ target: name }, 0);
      return null;
    }
  }

  return {
    /** The Prometheus text of every worker that answered, plus this worker's own metrics. */
    async collect(): Promise<string> {
      const scraped = await Promise.all(
        Object.entries(targets).map(([name, binding]) => scrape(name, binding)),
      );
      const answered = scraped.filter((metrics): metrics is MetricsJson => metrics !== null);
      const local = await Promise.all(
        [own, ...extra].map((registry) => registry.getMetricsAsJSON()),
      );
      return await mergeMetrics([...answered, ...local]);
    },
  };
}
