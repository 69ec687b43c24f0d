/**
 * prom-client's default process metrics — CPU, memory, heap, event-loop lag,
 * handles — on a registry of their own, labelled with the worker the process
 * runs (`embedded` when one process runs them all).
 *
 * Under Deno all of them answer except GC: Deno emits no `gc` performance
 * entries, so `nodejs_gc_duration_seconds` stays empty (and is never sent);
 * `fitconnect_gc_reclaimed_bytes_total` (./gc_metrics.ts) says what GC does.
 *
 * One registry per process and label: each `collectDefaultMetrics` starts an
 * event-loop monitor, so tests that compose many platforms must not start one each.
 *
 * @module
 */
import { collectDefaultMetrics, Registry } from "prom-client";
import { registerGcReclaimed } from "./gc_metrics.ts";

const registries = new Map<string, Registry>();

/** This process's default metrics, labelled `worker=<worker>`. */
export function processMetrics(worker: string): Registry {
  let registry = registries.get(worker);
  if (!registry) {
    registry = new Registry();
    registry.setDefaultLabels({ worker });
    collectDefaultMetrics({ register: registry });
    registerGcReclaimed(registry);
    registries.set(worker, registry);
  }
  return registry;
}
