/**
 * Helpers for the inventory suites (tests/inventory_*_test.ts): an admin's
 * token, the reservation client over the worker's binding, and a fresh item
 * with stock — all through the real HTTP surface.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Fetcher, inProcessBinding } from "../../shared/bindings/service_binding.ts";
import { type InventoryReservations, inventoryReservations } from "./client.ts";
import type { ItemBody } from "./schema.ts";
import { sql } from "drizzle-orm";
import type { PostgresStore } from "../../shared/stores/postgres/port.ts";

export type { ItemBody, ItemSummaryBody, MovementBody, ReservationBody } from "./schema.ts";
export type { Page } from "../../shared/http/paging.ts";
export { gymEquipment, products, seedItems } from "./catalog/items.ts";
export { renderInventorySql } from "./catalog/seed_sql.ts";

/** What the helpers need of a composed test platform (tests/support/platform.ts). */
export interface InventoryTestPlatform {
  request(path: string, init?: RequestInit): Promise<Response>;
  ensureAdmin(configured: undefined): Promise<{ email: string; password?: string } | null>;
  workers: { inventory: Fetcher };
  internalSecret: string;
}

function json(method: string, body: unknown, token?: string): RequestInit {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return { method, headers, body: JSON.stringify(body) };
}

/** The generated first admin's credentials, remembered per platform (it is created once). */
const admins = new WeakMap<object, { email: string; password: string }>();

/** A fresh access token of the platform's first admin. */
export async function adminToken(platform: InventoryTestPlatform): Promise<string> {
  let admin = admins.get(platform);
  if (!admin) {
    const created = await platform.ensureAdmin(undefined);
    assert.ok(created?.password, "the first admin is generated once per platform");
    admins.set(platform, admin = { email: created.email, password: created.password });
  }
  const response = await platform.request(
    "/v1/auth/login",
    json("POST", { email: admin.email, password: admin.password }),
  );
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return JSON.parse(text).accessToken;
}

/** The reservation client the payments worker uses, over the inventory worker's binding. */
export function inventoryClientOf(platform: InventoryTestPlatform): InventoryReservations {
  return inventoryReservations(
    inProcessBinding(() => platform.workers.inventory, { internalSecret: platform.internalSecret }),
  );
}

/** A request to the inventory worker's own (internal) routes, with the platform's secret. */
export function internalRequest(
  platform: InventoryTestPlatform,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return inProcessBinding(() => platform.workers.inventory, {
    internalSecret: platform.internalSecret,
  }).fetch(new Request(new URL(path, "http://inventory.internal"), init));
}

let serial = 0;

/** A SKU no other test uses. */
export function freshSku(prefix = "T"): string {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}-${++serial}-${
    crypto.randomUUID().slice(0, 6).toUpperCase()
  }`;
}

/** Creates a product (EUR 9.99 unless said) through the admin API and stocks it with `stock` units. */
export async function stockedProduct(
  platform: InventoryTestPlatform,
  token: string,
  options: { stock: number; lowStockThreshold?: number; priceCents?: number; currency?: string },
): Promise<ItemBody> {
  const sku = freshSku();
  const created = await platform.request(
    "/v1/inventory/items",
    json("POST", {
      sku,
      name: `Test product ${sku}`,
      type: "product",
      priceCents: options.priceCents ?? 999,
      currency: options.currency ?? "EUR",
      lowStockThreshold: options.lowStockThreshold ?? 0,
    }, token),
  );
  assert.equal(created.status, 201, await created.clone().text());
  let item = await created.json() as ItemBody;
  if (options.stock > 0) {
    const adjusted = await platform.request(
      `/v1/inventory/items/${sku}/adjustments`,
      json("POST", { delta: options.stock, reason: "delivery" }, token),
    );
    assert.equal(adjusted.status, 201, await adjusted.clone().text());
    item = await adjusted.json() as ItemBody;
  }
  return item;
}

/** The item as the public availability check answers it. */
export async function itemOf(platform: InventoryTestPlatform, sku: string): Promise<ItemBody> {
  const response = await platform.request(`/v1/inventory/items/${sku}`);
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return JSON.parse(text);
}

/** A JSON request with an optional bearer token. */
export { json as jsonRequest };

/** SKUs whose movements do not sum to their levels: none, ever (the ledger is the truth). */
export async function ledgerMismatches(platform: { stores: { postgres: PostgresStore } }) {
  const { rows } = await platform.stores.postgres.db.execute(sql`
    select i.sku, i.on_hand, i.reserved, m.on_hand as ledger_on_hand, m.reserved as ledger_reserved
    from inventory.items i
    left join (select sku, sum(delta_on_hand)::int as on_hand, sum(delta_reserved)::int as reserved
               from inventory.stock_movements group by sku) m on m.sku = i.sku
    where coalesce(m.on_hand, 0) <> i.on_hand or coalesce(m.reserved, 0) <> i.reserved
  `);
  return rows;
}
