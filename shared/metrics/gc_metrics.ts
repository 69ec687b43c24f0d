/**
 * `fitconnect_gc_reclaimed_bytes_total`: what the garbage collector gave back,
 * for the process's Runtime panel.
 *
 * prom-client measures GC from `gc` performance entries, which Deno never
 * emits, so its `nodejs_gc_duration_seconds` stays empty. V8 still counts
 * every byte it ever allocated (`total_allocated_bytes`); what was allocated
 * and is no longer in the heap is what GC reclaimed. Read at collection, so
 * it costs nothing per request.
 *
 * @module
 */
import { getHeapStatistics } from "node:v8";
import { Counter, type Registry } from "prom-client";

/** V8's heap figures this counter reads (node:v8's `getHeapStatistics`). */
export interface HeapFigures {
  total_allocated_bytes?: number;
  used_heap_size: number;
}

/**
 * Registers the counter on `registry`; nothing when the runtime's V8 does not
 * count allocations (the panel then stays empty rather than wrong).
 */
export function registerGcReclaimed(
  registry: Registry,
  heap: () => HeapFigures = getHeapStatistics,
): void {
  const reclaimed = (figures: HeapFigures) =>
    typeof figures.total_allocated_bytes === "number"
      ? figures.total_allocated_bytes - figures.used_heap_size
      : undefined;
  let last = reclaimed(heap());
  if (last === undefined) return;
  new Counter({
    name: "fitconnect_gc_reclaimed_bytes_total",
    help: "Bytes the garbage collector reclaimed: V8's allocated total minus the heap in use.",
    registers: [registry],
    collect() {
      const now = reclaimed(heap())!;
      // Allocation and collection are read in two steps: a reading that went back is noise, and
      // a counter only grows.
      if (now > last!) {
        this.inc(now - last!);
        last = now;
      }
    },
  });
}
