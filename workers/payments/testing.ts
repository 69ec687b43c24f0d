/**
 * Helpers for the payments suites (tests/payments_*_test.ts): an admin, a
 * product with known stock, checkout and confirm calls, hand-made Stripe
 * events signed with the SDK's helper, and a bounded wait for what the
 * webhooks do asynchronously.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import type { TestPlatform } from "../../tests/support/platform.ts";
import { bearer, postJson } from "../../tests/support/identity.ts";
import { randomId } from "./ids.ts";
import { signWebhook } from "./providers/webhook_signature.ts";
import type { MembershipBody, PaymentBody } from "./schema.ts";

import { eventually } from "../../shared/testing/assertions.ts";

export { eventually };

/** The JSON of a response with `status` (its text in the failure message). */
export async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** The embedded admin's access token. */
export async function adminToken(platform: TestPlatform): Promise<string> {
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
const admins = new WeakMap<TestPlatform, Promise<string>>();

/** The admin token of `platform`, logging in once. */
export function admin(platform: TestPlatform): Promise<string> {
  let token = admins.get(platform);
  if (!token) admins.set(platform, token = adminToken(platform));
  return token;
}

/** Creates a product with `onHand` units at `priceCents`; returns its SKU. */
export async function product(
  platform: TestPlatform,
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
export async function levels(platform: TestPlatform, sku: string): Promise<Levels> {
  return await json<Levels>(await platform.request(`/v1/inventory/items/${sku}`), 200);
}

/** `POST /v1/payments` with `key` (none when null). */
export function checkout(
  platform: TestPlatform,
  token: string,
  body: unknown,
  key: string | null = crypto.randomUUID(),
): Promise<Response> {
  const headers = bearer(token, key === null ? {} : { "idempotency-key": key });
  return platform.request("/v1/payments", postJson(body, headers));
}

/** Creates a payment; returns its body. */
export async function created(
  platform: TestPlatform,
  token: string,
  body: unknown,
): Promise<PaymentBody> {
  return await json<PaymentBody>(await checkout(platform, token, body), 201);
}

/** `POST /v1/payments/:id/confirm`. */
export function confirm(
  platform: TestPlatform,
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
  platform: TestPlatform,
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
  platform: TestPlatform,
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
export async function membership(platform: TestPlatform, token: string): Promise<MembershipBody> {
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
  platform: TestPlatform,
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
export async function intentIdOf(platform: TestPlatform, paymentId: string): Promise<string> {
  const { rows } = await platform.stores.postgres.db.execute(
    sql`select intent_id from payments.payments where id = ${paymentId}`,
  ) as unknown as { rows: { intent_id: string }[] };
  assert.equal(rows.length, 1, `no payment ${paymentId}`);
  return rows[0].intent_id;
}
