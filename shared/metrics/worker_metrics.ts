/**
 * Each worker's own prom-client `Registry` (never the global one: in the
 * embedded default ten workers share a process and must not share metrics),
 * with the RED metrics every worker records.
 *
 * @module
 */
import { Registry } from "prom-client";
import { RequestMetrics } from "./request_metrics.ts";
import type { DeltaReporter } from "./delta_reporter.ts";

/** The registry of one worker and its HTTP metrics. */
export interface WorkerMetrics {
  readonly worker: string;
  readonly registry: Registry;
  /** Counts one answered request and observes its duration. */
  recordRequest(method: string, route: string, status: number, seconds: number): void;
}

/**
 * The metrics of each worker app and, once its composition root starts one,
 * its reporter (./reporting.ts): so the root reports what a worker records
 * without calling its `/internal/metrics` (which would count as a request),
 * and the app's `POST /internal/metrics/report` flushes it.
 */
const byApp = new WeakMap<object, { metrics: WorkerMetrics; reporter?: DeltaReporter }>();

/** Where the metrics worker asks an isolate to report now (every worker app answers it). */
export const reportNowPath = "/internal/metrics/report";

/** Remembers that `app` records into `metrics` (createWorkerApp does it). */
export function attachMetrics(app: object, metrics: WorkerMetrics): void {
  byApp.set(app, { metrics });
}

/** The metrics `app` records into, if it is a worker app. */
export function metricsOf(app: object): WorkerMetrics | undefined {
  return byApp.get(app)?.metrics;
}

/** Gives worker `app` the reporter its `POST /internal/metrics/report` flushes. */
export function attachReporter(app: object, reporter: DeltaReporter): void {
  const entry = byApp.get(app);
  if (!entry) throw new Error("Cannot attach a metrics reporter: not a worker app");
  entry.reporter = reporter;
}

/** The reporter of worker `app`, once one is attached. */
export function reporterOf(app: object): DeltaReporter | undefined {
  return byApp.get(app)?.reporter;
}

/** The methods labelled by name; any other is `OTHER`, so label sets stay bounded. */
const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Latency buckets in seconds: fine below 100 ms where edge workers live. */
const durationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A fresh registry labelled `worker=<name>` with the HTTP metrics registered. */
export function createWorkerMetrics(worker: string): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ worker });
  const requests = new RequestMetrics(registry, durationBuckets);
  return {
    worker,
    registry,
    recordRequest(rawMethod, route, status, seconds) {
      // A client picks the method: an unknown one must not mint a series per name.
      const method = knownMethods.has(rawMethod) ? rawMethod : "OTHER";
      requests.record(method, route, status, seconds);
    },
  };
}
