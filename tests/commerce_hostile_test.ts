/**
 * Whatever a client sends to the shop and the payments, the answer is a
 * problem+json under 500 and nothing changes: odd JSON shapes, wrong types,
 * huge numbers, NUL bytes, unknown ids — as a member and as an admin.
 */
import assert from "node:assert/strict";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest } from "./support/platform.ts";
import { admin, levels } from "../workers/payments/testing.ts";

/** Bodies no route expects. */
const hostileBodies = [
  "null",
  "[]",
  '"text"',
  "{}",
  '{"items":"all"}',
  '{"items":[{"sku":null,"quantity":1}]}',
  '{"items":[{"sku":"SUP-CREATINE-500G","quantity":1e308}]}',
  '{"items":[{"sku":"SUP-CREATINE-500G","quantity":-1}]}',
  '{"items":[{"sku":"SUP-CREATINE-500G","quantity":1.5}]}',
  '{"items":[{"sku":"SUP-CREATINE-500G\\u0000","quantity":1}]}',
  '{"planId":{"$ne":null}}',
  '{"paymentMethod":["pm_card_visa"]}',
  '{"delta":9007199254740993,"reason":"x"}',
  '{"delta":"10","reason":"x"}',
  '{"sku":"A","name":"","type":"product","priceCents":-5,"currency":"eur"}',
  '{"priceCents":1e400}',
  '{"status":"exploded"}',
  '{"__proto__":{"admin":true}}',
];

platformTest("[commerce] hostile input never gets a 5xx or changes stock", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const adminToken = await admin(platform);
  const before = await levels(platform, "SUP-CREATINE-500G");
  const routes: [string, string, string][] = [
    ["POST", "/v1/payments", member.accessToken],
    ["POST", "/v1/payments/pay_nope/confirm", member.accessToken],
    ["POST", "/v1/inventory/items", adminToken],
    ["POST", "/v1/inventory/items/SUP-CREATINE-500G/adjustments", adminToken],
    ["PATCH", "/v1/inventory/items/SUP-CREATINE-500G", adminToken],
    ["POST", "/v1/admin/payments/pay_nope/refund", adminToken],
    ["POST", "/webhooks/stripe", member.accessToken],
  ];
  for (const [method, path, token] of routes) {
    await t.step(`${method} ${path}`, async () => {
      for (const body of hostileBodies) {
        const response = await platform.request(path, {
          method,
          headers: bearer(token, {
            "content-type": "application/json",
            "idempotency-key": crypto.randomUUID(),
            "stripe-signature": "t=1,v1=00",
          }),
          body,
        });
        const text = await response.text();
        assert.ok(response.status < 500, `${body} → ${response.status} ${text}`);
        if (response.status >= 400) {
          assert.equal(response.headers.get("content-type"), "application/problem+json", body);
        }
      }
    });
  }
  await t.step("the stock did not move", async () => {
    assert.deepEqual(await levels(platform, "SUP-CREATINE-500G"), before);
  });
});
