/**
 * One worker alone, for its own suites: built by its factory (`mod.ts`) on
 * the real stores of a store variant, with a stand-in auth worker whose
 * EdDSA key the real token verifier trusts, queue deliveries signed with a
 * local key, and a clock the suite moves. What is particular to a worker (its
 * other deps, fakes of its peers) lives in that worker's `testing.ts`, which
 * passes its factory here: shared code never imports a worker.
 *
 * @module
 */
import type { Hono } from "hono";
import {
  type Fetcher,
  inProcessBinding,
  internalSecretHeader,
  type ServiceBinding,
} from "../bindings/service_binding.ts";
import type { RevocationList } from "../auth/revocations.ts";
import type { TokenVerifier } from "../auth/verifier.ts";
import { createLogger, type Logger, memorySink } from "../logging/logger.ts";
import { embeddedDeliveryUrl } from "../queue/deno_kv_queue.ts";
import { createDeliveryVerifier, type DeliveryVerifier } from "../queue/signature.ts";
import { revocationsNamespace } from "../runtime/authentication.ts";
import { randomSecret } from "../runtime/secret.ts";
import { openPlatformStores, type PlatformStores, type StoresConfig } from "../runtime/stores.ts";
import type { KeyValueStore } from "../stores/kv/port.ts";
import type { PostgresStore } from "../stores/postgres/port.ts";
import { storeVariantTest } from "./store_variants.ts";
import { type Conformance, createConformance } from "./openapi_conformance.ts";
import { createTestAuth, type TestAuth, type TokenOptions } from "./test_auth.ts";
import { signedDelivery, type TestEvent } from "./test_deliveries.ts";

/** What every worker factory takes, ready-made by the harness. */
export interface HarnessDeps {
  log: Logger;
  internalSecret: string;
  postgres: PostgresStore;
  /** The worker's own key-value namespace. */
  kv: KeyValueStore;
  revocations: RevocationList;
  verifier: TokenVerifier;
  /** Checks queue deliveries signed with the harness's signing key. */
  deliveries: DeliveryVerifier;
  now: () => Date;
  /** The worker itself, in process (for a worker that calls itself). */
  self: ServiceBinding;
}

/** How a test delivery differs from the queue's. */
export interface DeliveryOptions {
  signingKey?: string;
  /** Replaces the signature header. */
  signature?: string;
  /** The URL the signature names (default the worker's delivery URL). */
  signedUrl?: string;
}

/** A worker that can be stopped (its timers); most have nothing to stop. */
type Worker = Fetcher & { stop?(): void };

/** A worker built alone, and what its suite needs around it. */
export interface WorkerHarness<W extends Worker> {
  /** The worker as built (a fresh one after `restart()`). */
  readonly app: W;
  /** A request to the worker, as the gateway sends it. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A request carrying the internal secret, as a peer worker sends it. */
  internal(path: string, init?: RequestInit): Promise<Response>;
  /** An access token of `sub`: a member unless `options.role` says otherwise. */
  token(sub: string, options?: TokenOptions): Promise<string>;
  /** An admin's access token. */
  adminToken(sub: string): Promise<string>;
  /** Delivers `event` to the worker's `/queue/deliveries` as the queue does. */
  deliver(event: TestEvent, options?: DeliveryOptions): Promise<Response>;
  /** Delivers `event` and asserts the 204; answers the event id. */
  delivered(event: TestEvent, options?: DeliveryOptions): Promise<string>;
  /** The key the queue signs deliveries with. */
  signingKey: string;
  /** The URL the queue signs deliveries to this worker for. */
  deliveryUrl: string;
  internalSecret: string;
  /** What the worker was built with: peers built next to it share them. */
  deps: HarnessDeps;
  stores: PlatformStores;
  auth: TestAuth;
  /** Every JSON log line the worker wrote. */
  logs: string[];
  now(): Date;
  /** Moves the clock of the worker and the token verifier. */
  advance(seconds: number): void;
  setNow(date: Date): void;
  /** Replaces the worker by a fresh one over the same stores (a restarted process). */
  restart(): W;
  /** Stops the worker and closes the stores. */
  close(): Promise<void>;
}

/** How to build one worker. */
export interface WorkerHarnessOptions<W extends Worker> {
  /** The worker's name: its key-value namespace and queue consumer name. */
  name: string;
  /** The store variant's settings (see `storeVariantTest`). */
  stores: StoresConfig;
  /** Where the clock starts (default: real time, still movable by `advance`). */
  startAt?: Date;
  /** Routes the stand-in auth worker serves besides its JWKS. */
  authRoutes?: Hono;
  /** The worker's factory over the ready-made deps (plus whatever else it needs). */
  create(deps: HarnessDeps): W;
}

/** Opens the stores and builds the worker; `close()` when done. */
export async function openWorkerHarness<W extends Worker>(
  options: WorkerHarnessOptions<W>,
): Promise<WorkerHarness<W>> {
  const sink = memorySink();
  const log = createLogger({ level: "debug", sink });
  const stores = await openPlatformStores(options.stores, log);
  let fixed = options.startAt?.getTime();
  let offsetMs = 0;
  const now = () => new Date((fixed ?? Date.now()) + offsetMs);
  const internalSecret = randomSecret();
  const signingKey = randomSecret();
  const deliveryUrl = embeddedDeliveryUrl(options.name);
  let auth: TestAuth;
  try {
    auth = await createTestAuth({
      kv: stores.kvFor(revocationsNamespace),
      internalSecret,
      now,
      routes: options.authRoutes,
    });
  } catch (error) {
    await stores.close();
    throw error;
  }
  let app: W;
  const deps: HarnessDeps = {
    log,
    internalSecret,
    postgres: stores.postgres,
    kv: stores.kvFor(options.name),
    revocations: auth.revocations,
    verifier: auth.verifier,
    deliveries: createDeliveryVerifier({
      currentSigningKey: signingKey,
      nextSigningKey: signingKey,
      url: deliveryUrl,
    }),
    now,
    self: inProcessBinding(() => app, { internalSecret }),
  };
  app = options.create(deps);

  const send = async (path: string, init?: RequestInit) =>
    await app.fetch(new Request(new URL(path, `http://${options.name}.internal`), init));
  // What the gateway would forward is checked against the worker's own document.
  const request = async (path: string, init?: RequestInit) => {
    const response = await send(path, init);
    const conformance = await workerConformance(
      options.name,
      () => send("/internal/openapi.json", { headers: { [internalSecretHeader]: internalSecret } }),
    );
    await conformance.check(init?.method ?? "GET", path, response);
    return response;
  };
  const deliver = async (event: TestEvent, delivery: DeliveryOptions = {}) =>
    await app.fetch(
      await signedDelivery(options.name, event, {
        signingKey: delivery.signingKey ?? signingKey,
        now,
        signature: delivery.signature,
        signedUrl: delivery.signedUrl,
      }),
    );

  return {
    get app() {
      return app;
    },
    request,
    internal(path, init) {
      const headers = new Headers(init?.headers);
      headers.set(internalSecretHeader, internalSecret);
      return send(path, { ...init, headers });
    },
    token: (sub, token) => auth.token(sub, token),
    adminToken: (sub) => auth.token(sub, { role: "admin" }),
    deliver,
    async delivered(event, delivery) {
      const id = event.id ?? crypto.randomUUID();
      const response = await deliver({ ...event, id }, delivery);
      const text = await response.text();
      if (response.status !== 204) {
        throw new Error(`expected 204 for ${event.type}, got ${response.status}: ${text}`);
      }
      return id;
    },
    signingKey,
    deliveryUrl,
    internalSecret,
    deps,
    stores,
    auth,
    logs: sink.lines,
    now,
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    setNow(date) {
      fixed = date.getTime();
      offsetMs = 0;
    },
    restart() {
      app.stop?.();
      app = options.create(deps);
      return app;
    },
    async close() {
      app.stop?.();
      await stores.close();
    },
  };
}

const conformances = new Map<string, Promise<Conformance>>();

/** The checker of a worker's own document (shared/testing/openapi_conformance.ts), once per process. */
function workerConformance(
  worker: string,
  fetchDocument: () => Promise<Response>,
): Promise<Conformance> {
  let conformance = conformances.get(worker);
  if (!conformance) {
    conformance = (async () => {
      const response = await fetchDocument();
      if (response.status !== 200) {
        throw new Error(
          `${worker}: /internal/openapi.json answered ${response.status}: ${await response.text()}`,
        );
      }
      return createConformance(await response.json());
    })();
    conformances.set(worker, conformance);
  }
  return conformance;
}

/**
 * Registers `suite` on every store variant with a fixture opened by `open`
 * (a worker's harness, usually with its own helpers) and closed afterwards.
 */
export function workerTest<F extends { close(): Promise<void> }>(
  name: string,
  open: (stores: StoresConfig) => Promise<F>,
  suite: (t: Deno.TestContext, fixture: F) => Promise<void>,
): void {
  storeVariantTest(name, async (t, stores) => {
    const fixture = await open(stores);
    try {
      await suite(t, fixture);
    } finally {
      await fixture.close();
    }
  });
}
