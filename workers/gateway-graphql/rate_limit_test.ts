/**
 * The `/graphql` rate limit on the real key-value adapters (Deno KV, and
 * Upstash where configured): two gateway instances — two isolates — sharing
 * one store share one count.
 */
import assert from "node:assert/strict";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { openKeyValueStores } from "../../shared/runtime/stores.ts";
import { type DomainWorkerName, domainWorkerNames } from "../../shared/runtime/workers.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { storeVariantTest } from "../../shared/testing/store_variants.ts";
import { createGatewayGraphqlWorker } from "./mod.ts";

/** `{ __typename }` needs no worker: any call to one fails the test. */
const noPeers = Object.fromEntries(
  domainWorkerNames.map((name): [DomainWorkerName, ServiceBinding] => [name, {
    fetch: () => Promise.reject(new Error(`${name} called`)),
  }]),
) as Record<DomainWorkerName, ServiceBinding>;

function gateway(kv: KeyValueStore, sink = memorySink()) {
  return createGatewayGraphqlWorker({
    log: createLogger({ sink }),
    internalSecret: "rate-limit-test-secret",
    peers: noPeers,
    upstreams: noPeers,
    kv,
    rateLimit: { limit: 3, windowMs: 60_000 },
  });
}

function ask(app: ReturnType<typeof gateway>, clientIp: string) {
  return app.fetch(
    new Request("http://gateway.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    }),
    { remoteAddr: { transport: "tcp", hostname: clientIp, port: 40_000 } },
  );
}

/** `r` of the IETF `RateLimit` header (`"graphql";r=2;t=60`): what is left in the window. */
function remainingOf(response: Response): string | undefined {
  return /;r=(\d+)/.exec(response.headers.get("ratelimit") ?? "")?.[1];
}

storeVariantTest("[graphql] the rate limit counts on the key-value store", async (t, config) => {
  const stores = await openKeyValueStores(config);
  try {
    const kv = stores.kvFor("gateway-graphql");
    const first = gateway(kv);
    const second = gateway(kv);

    await t.step("isolates sharing the store share the count", async () => {
      const remaining = [];
      for (const app of [first, second, first]) {
        const response = await ask(app, "198.51.100.20");
        await response.body?.cancel();
        assert.equal(response.status, 200);
        remaining.push(remainingOf(response));
      }
      assert.deepEqual(remaining, ["2", "1", "0"]);
      const refused = await ask(second, "198.51.100.20");
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get("retry-after")) >= 1);
      const body = await refused.json();
      assert.equal(body.errors[0].extensions.code, "RATE_LIMITED");
      assert.equal(body.errors[0].extensions.status, 429);
    });

    await t.step("each address has its own count", async () => {
      const response = await ask(first, "198.51.100.21");
      await response.body?.cancel();
      assert.equal(response.status, 200);
      assert.equal(remainingOf(response), "2");
    });

    await t.step("a burst from one address writes to the store once at a time", async () => {
      let inFlight = 0, most = 0;
      const watched: KeyValueStore = {
        ...kv,
        increment: async (key, options) => {
          most = Math.max(most, ++inFlight);
          try {
            return await kv.increment(key, options);
          } finally {
            inFlight--;
          }
        },
      };
      const app = gateway(watched);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => ask(app, "198.51.100.22")),
      );
      for (const answer of answers) await answer.body?.cancel();
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 200, 200, 429, 429]);
      assert.equal(most, 1, "concurrent first requests (no lease yet) queue, they do not race");
    });

    await t.step("a store that fails: 503 with Retry-After (fails closed), logged", async () => {
      const sink = memorySink();
      const down: KeyValueStore = {
        ...kv,
        increment: () => Promise.reject(new Error("store down")),
      };
      const response = await ask(gateway(down, sink), "198.51.100.20");
      assert.equal(response.status, 503);
      assert.equal(response.headers.get("retry-after"), "1");
      const body = await response.json();
      assert.equal(body.errors[0].extensions.code, "SERVICE_UNAVAILABLE");
      assert.ok(sink.lines.some((line) => line.includes("graphql rate limit unavailable")));
    });
  } finally {
    await stores.close();
  }
});
