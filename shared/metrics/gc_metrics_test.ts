import assert from "node:assert/strict";
import { Registry } from "prom-client";
import { type HeapFigures, registerGcReclaimed } from "./gc_metrics.ts";

const name = "fitconnect_gc_reclaimed_bytes_total";

async function reclaimed(registry: Registry): Promise<number | undefined> {
  const metric = registry.getSingleMetric(name);
  return metric ? (await metric.get()).values[0]?.value : undefined;
}

Deno.test("[metrics] GC reclaimed bytes", async (t) => {
  await t.step("allocated minus in use, counted from registration; never backwards", async () => {
    let figures: HeapFigures = { total_allocated_bytes: 1_000, used_heap_size: 400 };
    const registry = new Registry();
    registerGcReclaimed(registry, () => figures);
    assert.equal(await reclaimed(registry), 0);
    // 500 more allocated, the heap 100 smaller: GC gave back 600.
    figures = { total_allocated_bytes: 1_500, used_heap_size: 300 };
    assert.equal(await reclaimed(registry), 600);
    // A reading that went back (the two figures read apart) does not lower it.
    figures = { total_allocated_bytes: 1_500, used_heap_size: 350 };
    assert.equal(await reclaimed(registry), 600);
    // Counted again from the highest reading (1,200 past the start), not from the dip.
    figures = { total_allocated_bytes: 2_000, used_heap_size: 350 };
    assert.equal(await reclaimed(registry), 1_050);
  });

  await t.step("a V8 that does not count allocations: no counter", () => {
    const registry = new Registry();
    registerGcReclaimed(registry, () => ({ used_heap_size: 400 }));
    assert.equal(registry.getSingleMetric(name), undefined);
  });

  await t.step("this runtime's V8: garbage made and collected is counted", async () => {
    const registry = new Registry();
    registerGcReclaimed(registry);
    let keep: { i: number; text: string }[] = [];
    for (let round = 0; round < 50; round++) {
      keep = Array.from({ length: 10_000 }, (_, i) => ({ i, text: `row ${i} of ${round}` }));
    }
    assert.equal(keep.length, 10_000);
    // 50 rounds of ~1 MB each, 49 of them garbage: well over 10 MB given back.
    assert.ok((await reclaimed(registry))! > 10_000_000, `${await reclaimed(registry)}`);
  });
});
