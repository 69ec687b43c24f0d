/**
 * The whole platform for a test, composed as in the embedded default, on the
 * stores of one variant:
 *
 * - `embedded`: PGlite and Deno KV in memory — always.
 * - `production adapters`: the Neon driver to a real PostgreSQL (a scratch
 *   database) and the Upstash client through the bridge to a real Redis —
 *   when CI (or you) set their URLs; under `CI=true` their absence fails.
 *
 * `platformTest` registers one `Deno.test` per variant, so every suite written
 * with it runs against both.
 *
 * @module
 */
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import {
  openPlatformStores,
  type PlatformStores,
  type StoresConfig,
} from "../../shared/runtime/stores.ts";
import { storeVariantTest } from "../../shared/testing/store_variants.ts";
import { type Conformance, createConformance } from "../../shared/testing/openapi_conformance.ts";
import {
  composeEmbedded,
  type EmbeddedOptions,
  type EmbeddedPlatform,
} from "../../workers/compose.ts";
import { createPasswordHasher } from "../../workers/auth/testing.ts";

/** A composed platform under test. */
export interface TestPlatform extends EmbeddedPlatform {
  stores: PlatformStores;
  /** Closes the stores and the password hasher. */
  close(): Promise<void>;
  internalSecret: string;
  /** Every JSON log line written so far. */
  logs: string[];
  /** Sends a request to the public app, as if from `clientIp` (default 127.0.0.1). */
  request(path: string, init?: RequestInit, clientIp?: string): Promise<Response>;
  /** The bearer token that opens `/metrics`. */
  metricsToken: string;
  /** `GET /metrics` as Prometheus sends it (with the token): the exposition text. */
  scrapeMetrics(): Promise<string>;
}

/** Options that a suite may change on the composition. */
export type TestPlatformOptions = Partial<Omit<EmbeddedOptions, "stores" | "log" | "hasher">> & {
  /** Replaces a worker's key-value store (e.g. with one whose server is down). */
  kvFor?: (worker: string, original: (worker: string) => KeyValueStore) => KeyValueStore;
};

type Suite = (
  t: Deno.TestContext,
  open: (options?: TestPlatformOptions) => Promise<TestPlatform>,
) => Promise<void>;

/** Registers `suite` once per store variant; platforms it opens are closed after it. */
export function platformTest(name: string, suite: Suite): void {
  storeVariantTest(name, (t, stores) => runWith(t, suite, () => Promise.resolve(stores)));
}

/** A platform on in-memory embedded stores, outside `platformTest` (close its stores yourself). */
export async function openEmbedded(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  return await composeTestPlatform({}, options);
}

async function composeTestPlatform(
  config: StoresConfig,
  options: TestPlatformOptions,
  // Off only for the platform that serves the document itself: it must not wait for it.
  preloadDocument = true,
): Promise<TestPlatform> {
  const sink = memorySink();
  const log = createLogger({ level: "debug", sink });
  const stores = await openPlatformStores(config, log);
  const internalSecret = options.internalSecret ?? randomSecret();
  const metricsToken = options.metricsToken ?? randomSecret();
  const { kvFor } = options;
  const composedStores = kvFor
    ? { ...stores, kvFor: (worker: string) => kvFor(worker, stores.kvFor) }
    : stores;
  // Inline hashing: tests measure behaviour, and a pool per platform would only add threads.
  const hasher = createPasswordHasher({ workers: 0 });
  const platform = composeEmbedded({
    ...options,
    stores: composedStores,
    log,
    internalSecret,
    metricsToken,
    hasher,
    // Fast retries: fault tests watch a message go from failing to dead-lettered.
    events: { kv: await Deno.openKv(":memory:"), signingKey: randomSecret(), backoffMs: [50, 50] },
  });
  const stopRelays = platform.events.start(50);
  // Loaded before the suite's first request: building the document is CPU work that
  // would otherwise compete with a suite's concurrent requests (and their deadlines).
  if (preloadDocument) await publicConformance(() => fetchPublic("/v1/openapi.json"));
  return {
    ...platform,
    stores,
    async close() {
      stopRelays();
      await platform.events.close();
      hasher.close();
      await stores.close();
    },
    internalSecret,
    logs: sink.lines,
    request,
    metricsToken,
    async scrapeMetrics() {
      const response = await request("/metrics", {
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
      return await response.text();
    },
  };

  function fetchPublic(path: string, init?: RequestInit, clientIp = "127.0.0.1") {
    return Promise.resolve(
      platform.app.fetch(new Request(new URL(path, "http://localhost"), init), {
        remoteAddr: { transport: "tcp", hostname: clientIp, port: 40_000 },
      }),
    );
  }

  /** Every answer is checked against the OpenAPI document (shared/testing/openapi_conformance.ts). */
  async function request(path: string, init?: RequestInit, clientIp = "127.0.0.1") {
    const response = await fetchPublic(path, init, clientIp);
    const conformance = await publicConformance(() => fetchPublic("/v1/openapi.json"));
    await conformance.check(init?.method ?? "GET", path, response);
    return response;
  }
}

let conformance: Promise<Conformance> | undefined;

/**
 * The checker of the public document, loaded once per test process: from the
 * platform under test, or — when that one cannot answer it (a suite that
 * took a worker down) — from a fresh embedded platform.
 */
function publicConformance(fetchDocument: () => Promise<Response>): Promise<Conformance> {
  conformance ??= (async () => {
    let response = await fetchDocument();
    if (response.status !== 200) {
      await response.body?.cancel();
      const fresh = await composeTestPlatform({}, {}, false);
      try {
        // Not `fresh.request`: that would wait for this very checker.
        response = await fresh.app.fetch(new Request("http://localhost/v1/openapi.json"));
      } finally {
        await fresh.close();
      }
    }
    if (response.status !== 200) {
      throw new Error(`GET /v1/openapi.json answered ${response.status}: ${await response.text()}`);
    }
    return createConformance(await response.json());
  })();
  return conformance;
}

async function runWith(
  t: Deno.TestContext,
  suite: Suite,
  storesConfig: () => Promise<StoresConfig>,
): Promise<void> {
  const opened: TestPlatform[] = [];
  try {
    await suite(t, async (options = {}) => {
      const platform = await composeTestPlatform(await storesConfig(), options);
      opened.push(platform);
      return platform;
    });
  } finally {
    await Promise.all(opened.map((platform) => platform.close()));
  }
}
