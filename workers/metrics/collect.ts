/**
 * One collection, before every push and every `GET /metrics`: each worker is
 * asked to report now (one isolate of it answers; the others report on their
 * timers and at shutdown), and then the durable totals are rendered
 * (./totals.ts), with whether each worker answered.
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createWorkerClient } from "../../shared/bindings/worker_client.ts";
import type { WorkerApp } from "../../shared/http/worker_app.ts";
import { renderFamily, renderSeries } from "../../shared/metrics/exposition.ts";
import type { Totals } from "./totals.ts";

const upFamily = {
  name: "fitconnect_worker_up",
  help: "1 when the worker answered the last metrics collection, 0 when it did not.",
  type: "gauge",
};

/**
 * A collector over `targets` (every other worker) and `self` (this worker's
 * own entry, so its own counters are in what it pushes).
 */
export function createCollector(
  targets: Record<string, ServiceBinding>,
  totals: Totals,
  options: { self?: ServiceBinding; timeoutMs?: number } = {},
) {
  const timeoutMs = options.timeoutMs ?? 2_000;

  async function askToReport(binding: ServiceBinding): Promise<boolean> {
    try {
      // Every worker app answers the report route (shared/http/worker_app.ts): its client types it.
      const response = await createWorkerClient<WorkerApp>(binding).internal.metrics.report.$post(
        {},
        { init: { signal: AbortSignal.timeout(timeoutMs) } },
      );
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  return {
    /** The Prometheus text of the totals, after every worker that answers has reported. */
    async collect(): Promise<string> {
      const names = Object.keys(targets);
      const [answered] = await Promise.all([
        Promise.all(names.map((name) => askToReport(targets[name]))),
        options.self ? askToReport(options.self) : undefined,
      ]);
      const up = names.map((name, i) =>
        `${renderSeries(upFamily.name, { target: name, worker: "metrics" })} ${answered[i] ? 1 : 0}`
      );
      return await totals.render() + renderFamily(upFamily, up);
    },
  };
}
