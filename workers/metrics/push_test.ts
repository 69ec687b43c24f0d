import assert from "node:assert/strict";
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { createDenoKvStore } from "../../shared/stores/kv/deno_kv.ts";
import { createMetricsWorker } from "./mod.ts";

Deno.test("[metrics] pushes never overlap: a later push cannot be overtaken by an older one", async () => {
  const kv = await Deno.openKv(":memory:");
  let inFlight = 0;
  let mostInFlight = 0;
  const puts: number[] = [];
  let release!: () => void;
  const firstHeld = new Promise<void>((resolve) => release = resolve);
  // A Pushgateway whose first answer is slow (a store lock, a far gateway): the pushes asked for
  // meanwhile must wait for it, and go out after it as one push with fresh totals.
  const pushgateway: typeof fetch = async (input, init) => {
    if (String(input).endsWith("-/healthy")) return new Response("ok");
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    puts.push(String(init?.body ?? "").length);
    if (puts.length === 1) await firstHeld;
    inFlight--;
    return new Response(null, { status: 200 });
  };
  const worker = createMetricsWorker({
    log: createLogger({ sink: memorySink() }),
    internalSecret: "metrics-push-test-secret",
    targets: {},
    kv: createDenoKvStore(kv, { prefix: "metrics" }),
    pushgatewayUrl: "http://pushgateway.test",
    fetch: pushgateway,
  });
  try {
    const first = worker.push();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const waiting = [worker.push(), worker.push(), worker.push()];
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(puts.length, 1, "nothing else goes out while a push is in flight");
    release();
    await Promise.all([first, ...waiting]);
    assert.equal(mostInFlight, 1);
    assert.equal(puts.length, 2, "the three waiting callers share one push after the first");
    await worker.push();
    assert.equal(puts.length, 3, "a push asked for when none is in flight goes out at once");
  } finally {
    kv.close();
  }
});
