/**
 * The payments worker on real stores for its own suites, next to the real
 * inventory worker behind a binding that can be cut (an outage), a real
 * token verifier over a stand-in auth worker, and queue deliveries signed
 * with a local key. A second payments worker over the same stores stands for
 * a restarted process.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import {
  type Fetcher,
  inProcessBinding,
  type ServiceBinding,
} from "../../shared/bindings/service_binding.ts";
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { embeddedDeliveryUrl } from "../../shared/queue/deno_kv_queue.ts";
import { createDeliveryVerifier } from "../../shared/queue/signature.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import { openPlatformStores, type StoresConfig } from "../../shared/runtime/stores.ts";
import { storeVariantTest } from "../../shared/testing/store_variants.ts";
import { createTestAuth } from "../../shared/testing/test_auth.ts";
import { signedDelivery } from "../../shared/testing/test_deliveries.ts";
import { createInventoryWorker } from "../inventory/mod.ts";
import { createPaymentsWorker, type PaymentsProviderOptions } from "./mod.ts";

/** The worker and its surroundings. */
export interface PaymentsFixture {
  /** A request to the payments worker, as the gateway sends it. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A request to the inventory worker (admin routes, levels). */
  inventory(path: string, init?: RequestInit): Promise<Response>;
  /** An access token of `sub`. */
  token(sub: string, role?: "member" | "admin"): Promise<string>;
  /** Cuts (true) or restores (false) the payments worker's binding to inventory. */
  inventoryDown(down: boolean): void;
  /** Replaces the payments worker by a fresh one over the same stores (a restart). */
  restart(): ReturnType<typeof createPaymentsWorker>;
  worker(): ReturnType<typeof createPaymentsWorker>;
  /** Delivers one queue event to `/queue/deliveries`. */
  deliver(type: string, payload: unknown): Promise<Response>;
  /** The worker's Prometheus text (its `/internal/metrics`). */
  metrics(): Promise<string>;
  /** Runs `query` and returns its rows. */
  rows<T>(query: ReturnType<typeof sql>): Promise<T[]>;
}

type Suite = (t: Deno.TestContext, fixture: PaymentsFixture) => Promise<void>;

/** Registers `suite` on the embedded stores, and on the production adapters when configured. */
export function paymentsTest(
  name: string,
  suite: Suite,
  provider: Partial<PaymentsProviderOptions> = {},
): void {
  storeVariantTest(name, (t, stores) => withFixture(t, stores, provider, suite));
}

async function withFixture(
  t: Deno.TestContext,
  config: StoresConfig,
  providerOptions: Partial<PaymentsProviderOptions>,
  suite: Suite,
) {
  const log = createLogger({ level: "debug", sink: memorySink() });
  const stores = await openPlatformStores(config, log);
  let payments: ReturnType<typeof createPaymentsWorker> | undefined;
  try {
    const now = () => new Date();
    const internalSecret = randomSecret();
    const auth = await createTestAuth({ kv: stores.kvFor("auth"), internalSecret, now });
    const base = {
      log,
      internalSecret,
      now,
      postgres: stores.postgres,
      verifier: auth.verifier,
      revocations: auth.revocations,
    };
    const inventoryWorker = createInventoryWorker({ ...base, kv: stores.kvFor("inventory") });
    const toInventory = inProcessBinding(inventoryWorker, { internalSecret });
    let down = false;
    const inventory: ServiceBinding = {
      fetch: (request) =>
        down ? Promise.reject(new TypeError("connection refused")) : toInventory.fetch(request),
    };
    const signingKey = randomSecret();
    const provider: PaymentsProviderOptions = {
      webhookSecret: `whsec_${randomSecret()}`,
      webhookRetryDelaysMs: [50, 100, 200],
      ...providerOptions,
    };
    const create = () =>
      createPaymentsWorker({
        ...base,
        kv: stores.kvFor("payments"),
        inventory,
        self: inProcessBinding(() => payments as Fetcher, { internalSecret }),
        provider,
        deliveries: createDeliveryVerifier({
          currentSigningKey: signingKey,
          nextSigningKey: signingKey,
          url: embeddedDeliveryUrl("payments"),
        }),
      });
    payments = create();
    const call = (target: () => Fetcher) => (path: string, init?: RequestInit) =>
      Promise.resolve(target().fetch(new Request(new URL(path, "http://payments.test"), init)));

    await suite(t, {
      request: call(() => payments!),
      inventory: call(() => inventoryWorker),
      token: (sub, role = "member") => auth.token(sub, role),
      inventoryDown: (value) => {
        down = value;
      },
      restart() {
        payments!.stop();
        payments = create();
        return payments;
      },
      worker: () => payments!,
      async deliver(type, payload) {
        const request = await signedDelivery("payments", { type, payload }, { signingKey });
        return await payments!.fetch(request);
      },
      async metrics() {
        const response = await payments!.fetch(
          new Request("http://payments.test/internal/metrics", {
            headers: { "x-fitconnect-internal": internalSecret },
          }),
        );
        return await response.text();
      },
      async rows<T>(query: ReturnType<typeof sql>) {
        const result = await stores.postgres.db.execute(query) as unknown as { rows: T[] };
        return result.rows;
      },
    });
  } finally {
    payments?.stop();
    await stores.close();
  }
}
