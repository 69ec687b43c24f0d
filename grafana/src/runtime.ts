/**
 * Runtime: the USE view of each worker's process — memory, event-loop lag
 * and garbage collection (prom-client's default metrics, `worker` label).
 *
 * Under Deno, prom-client sees no GC entries (its GC histogram stays empty):
 * the GC panel reads what V8 says GC reclaimed (shared/metrics/gc_metrics.ts).
 *
 * @module
 */
import { fitconnectDashboard, job, row, timeseries, uids, workerVariable } from "./panels.ts";

const selected = `${job},worker=~"$worker"`;

/** The Runtime dashboard. */
export function runtimeDashboard() {
  return fitconnectDashboard(
    uids.runtime,
    "Runtime",
    "Memory, event-loop lag and GC per worker process.",
  )
    .withVariable(workerVariable())
    .withRow(row("Memory"))
    .withPanel(timeseries({
      title: "Resident memory",
      description: "Resident set size of each worker's process.",
      unit: "bytes",
      queries: [{
        expr: `max by (worker, instance) (process_resident_memory_bytes{${selected}})`,
        legend: "{{worker}} {{instance}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Heap used",
      description: "JavaScript heap in use: it drops when GC runs.",
      unit: "bytes",
      queries: [{
        expr: `max by (worker, instance) (nodejs_heap_size_used_bytes{${selected}})`,
        legend: "{{worker}} {{instance}}",
      }],
    }))
    .withRow(row("Event loop and GC"))
    .withPanel(timeseries({
      title: "Event-loop lag",
      description: "How late timers fire: a busy loop delays every request of the process.",
      unit: "s",
      queries: [
        {
          expr: `max by (worker, instance) (nodejs_eventloop_lag_seconds{${selected}})`,
          legend: "{{worker}} {{instance}}",
        },
        {
          expr: `max by (worker, instance) (nodejs_eventloop_lag_p99_seconds{${selected}})`,
          legend: "{{worker}} {{instance}} p99",
        },
      ],
    }))
    .withPanel(timeseries({
      title: "GC reclaimed",
      description: "Memory the garbage collector gives back each second: high and rising means " +
        "the process allocates fast (and spends CPU collecting it).",
      unit: "Bps",
      queries: [{
        expr: `sum by (worker) (rate(fitconnect_gc_reclaimed_bytes_total{${selected}}` +
          `[$__rate_interval]))`,
        legend: "{{worker}}",
      }],
    }));
}
