/**
 * What suites need to test with the payments worker (tests/payments_*,
 * tests/commerce_*): on a composed platform, an admin, a product with known
 * stock, checkout and confirm calls, and hand-made Stripe events signed with
 * the SDK's helper; alone, the worker on the shared harness next to the real
 * inventory worker behind a binding that can be cut (an outage).
 *
 * @module
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { inProcessBinding, type ServiceBinding } from "../../shared/bindings/service_binding.ts";
import type { StoresConfig } from "../../shared/runtime/stores.ts";
import { selectRows } from "../../shared/stores/postgres/rows.ts";
import { eventually } from "../../shared/testing/assertions.ts";
import {
  openWorkerHarness,
  type WorkerHarness,
  workerTest,
} from "../../shared/testing/worker_harness.ts";
import { createInventoryWorker } from "../inventory/mod.ts";
import { createPaymentsWorker, type PaymentsProviderOptions } from "./mod.ts";
import { bearer, postJson } from "../../shared/testing/requests.ts";
import type { PostgresStore } from "../../shared/stores/postgres/port.ts";
import { randomId } from "./ids.ts";
import { signWebhook } from "./providers/webhook_signature.ts";
import type { MembershipBody, PaymentBody } from "./schema.ts";

export type { PaymentBody, PlanBody } from "./schema.ts";
export { createStripeProvider } from "./providers/stripe.ts";
export { ProviderError } from "./providers/port.ts";
export { signWebhook };

/** What the helpers need of a composed test platform (tests/support/platform.ts). */
export interface PaymentsTestPlatform {
  request(path: string, init?: RequestInit): Promise<Response>;
  ensureAdmin(configured: undefined): Promise<{ email: string; password?: string } | null>;
  stores: { postgres: PostgresStore };
}

/** The JSON of a response with `status` (its text in the failure message). */
export async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** The embedded admin's access token. */
export async function adminToken(platform: PaymentsTestPlatform): Promise<string> {
  const admin = await platform.ensureAdmin(undefined);
  const credentials = admin ?? undefined;
  assert.ok(credentials, "the platform has no admin to log in as");
  const login = await json<{ accessToken: string }>(
    await platform.request(
      "/v1/auth/login",
      postJson({ email: credentials.email, password: credentials.password }),
    ),
    200,
  );
  return login.accessToken;
}

/** An admin token per platform (ensureAdmin creates the admin once). */
const admins = new WeakMap<PaymentsTestPlatform, Promise<string>>();

/** The admin token of `platform`, logging in once. */
export function admin(platform: PaymentsTestPlatform): Promise<string> {
  let token = admins.get(platform);
  if (!token) admins.set(platform, token = adminToken(platform));
  return token;
}

/** Creates a product with `onHand` units at `priceCents`; returns its SKU. */
export async function product(
  platform: PaymentsTestPlatform,
  options: { priceCents: number; onHand: number; currency?: string; name?: string },
): Promise<string> {
  const token = await admin(platform);
  const sku = `TEST-${randomId("x").slice(2, 14).toUpperCase()}`;
  await json(
    await platform.request(
      "/v1/inventory/items",
      postJson({
        sku,
        name: options.name ?? `Test product ${sku}`,
        type: "product",
        priceCents: options.priceCents,
        currency: options.currency ?? "EUR",
      }, bearer(token)),
    ),
    201,
  );
  if (options.onHand > 0) {
    await json(
      await platform.request(
        `/v1/inventory/items/${sku}/adjustments`,
        postJson({ delta: options.onHand, reason: "test stock" }, bearer(token)),
      ),
      201,
    );
  }
  return sku;
}

/** An item's stock levels. */
export interface Levels {
  onHand: number;
  reserved: number;
  available: number;
}

/** The public availability check of `sku`. */
export async function levels(platform: PaymentsTestPlatform, sku: string): Promise<Levels> {
  return await json<Levels>(await platform.request(`/v1/inventory/items/${sku}`), 200);
}

/** `POST /v1/payments` with `key` (none when null). */
export function checkout(
  platform: PaymentsTestPlatform,
  token: string,
  body: unknown,
  key: string | null = crypto.randomUUID(),
): Promise<Response> {
  const headers = bearer(token, key === null ? {} : { "idempotency-key": key });
  return platform.request("/v1/payments", postJson(body, headers));
}

/** Creates a payment; returns its body. */
export async function created(
  platform: PaymentsTestPlatform,
  token: string,
  body: unknown,
): Promise<PaymentBody> {
  return await json<PaymentBody>(await checkout(platform, token, body), 201);
}

/** `POST /v1/payments/:id/confirm`. */
export function confirm(
  platform: PaymentsTestPlatform,
  token: string,
  id: string,
  paymentMethod: string,
): Promise<Response> {
  return platform.request(
    `/v1/payments/${id}/confirm`,
    postJson({ paymentMethod }, bearer(token)),
  );
}

/** `GET /v1/payments/:id` as JSON. */
export async function payment(
  platform: PaymentsTestPlatform,
  token: string,
  id: string,
): Promise<PaymentBody> {
  return await json<PaymentBody>(
    await platform.request(`/v1/payments/${id}`, { headers: bearer(token) }),
    200,
  );
}

/** Waits until the payment reaches `status`. */
export async function settled(
  platform: PaymentsTestPlatform,
  token: string,
  id: string,
  status: PaymentBody["status"],
): Promise<PaymentBody> {
  return await eventually(
    `payment ${id} to be ${status}`,
    () => payment(platform, token, id),
    (body) => body.status === status,
  );
}

/** `GET /v1/me/membership`. */
export async function membership(
  platform: PaymentsTestPlatform,
  token: string,
): Promise<MembershipBody> {
  return await json<MembershipBody>(
    await platform.request("/v1/me/membership", { headers: bearer(token) }),
    200,
  );
}

/** A Stripe event's JSON body about `object`. */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: Date } = {},
): string {
  return JSON.stringify({
    id: options.id ?? randomId("evt"),
    object: "event",
    api_version: "2025-10-29.clover",
    created: Math.floor((options.created ?? new Date()).getTime() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

/** A PaymentIntent object as Stripe sends it in events. */
export function intentObject(
  id: string,
  status: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { id, object: "payment_intent", status, metadata: {}, ...extra };
}

/** POSTs `body` to `/webhooks/stripe` through the gateway, signed with `secret` at `at`. */
export async function deliver(
  platform: PaymentsTestPlatform,
  body: string,
  secret: string,
  options: { at?: Date; signature?: string } = {},
): Promise<Response> {
  const signature = options.signature ?? await signWebhook(body, secret, options.at ?? new Date());
  return await platform.request("/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body,
  });
}

/** The intent id of a payment (read from the database: the API does not show it). */
export async function intentIdOf(
  platform: PaymentsTestPlatform,
  paymentId: string,
): Promise<string> {
  const { rows } = await platform.stores.postgres.db.execute<{ intent_id: string }>(
    sql`select intent_id from payments.payments where id = ${paymentId}`,
  );
  assert.equal(rows.length, 1, `no payment ${paymentId}`);
  return rows[0].intent_id;
}

/** The payments worker alone (see shared/testing/worker_harness.ts) and its inventory peer. */
export interface PaymentsFixture extends WorkerHarness<ReturnType<typeof createPaymentsWorker>> {
  /** A request to the inventory worker (admin routes, levels). */
  inventory(path: string, init?: RequestInit): Promise<Response>;
  /** Cuts (true) or restores (false) the payments worker's binding to inventory. */
  inventoryDown(down: boolean): void;
  /** Runs `query` and returns its rows. */
  rows<T>(query: ReturnType<typeof sql>): Promise<T[]>;
}

/** The payments worker on `stores`, with the real inventory worker as its peer. */
export async function openPayments(
  stores: StoresConfig,
  provider: Partial<PaymentsProviderOptions> = {},
): Promise<PaymentsFixture> {
  let down = false;
  const inventory: ServiceBinding = {
    fetch: (request) =>
      down ? Promise.reject(new TypeError("connection refused")) : toInventory.fetch(request),
  };
  const providerOptions: PaymentsProviderOptions = {
    webhookSecret: `whsec_${crypto.randomUUID()}`,
    webhookRetryDelaysMs: [50, 100, 200],
    ...provider,
  };
  const harness = await openWorkerHarness({
    name: "payments",
    stores,
    create: (deps) => createPaymentsWorker({ ...deps, inventory, provider: providerOptions }),
  });
  const { log, internalSecret, now, postgres, verifier, revocations } = harness.deps;
  const inventoryWorker = createInventoryWorker({
    log,
    internalSecret,
    now,
    postgres,
    verifier,
    revocations,
    kv: harness.stores.kvFor("inventory"),
  });
  const toInventory = inProcessBinding(inventoryWorker, { internalSecret });
  return Object.assign(harness, {
    inventory: (path: string, init?: RequestInit) =>
      Promise.resolve(
        inventoryWorker.fetch(new Request(new URL(path, "http://inventory.internal"), init)),
      ),
    inventoryDown(value: boolean) {
      down = value;
    },
    rows: <T>(query: ReturnType<typeof sql>) => selectRows<T>(harness.stores.postgres.db, query),
  });
}

/** Registers `suite` on every store variant, with a fresh payments worker and inventory peer. */
export function paymentsTest(
  name: string,
  suite: (t: Deno.TestContext, fx: PaymentsFixture) => Promise<void>,
  provider: Partial<PaymentsProviderOptions> = {},
): void {
  workerTest(name, (stores) => openPayments(stores, provider), suite);
}
