/**
 * Runtime: the USE view of each worker's process — memory, event-loop lag
 * and garbage collection (prom-client's default metrics, `worker` label).
 *
 * Under Deno, prom-client sees no GC entries, so the GC panel stays empty
 * there and the heap panel shows what GC does; under Node it fills.
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
      title: "GC time",
      description: "Share of time spent in garbage collection, by kind (empty under Deno).",
      unit: "percentunit",
      queries: [{
        expr: `sum by (worker, kind) (rate(nodejs_gc_duration_seconds_sum{${selected}}` +
          `[$__rate_interval]))`,
        legend: "{{worker}} {{kind}}",
      }],
    }));
}
