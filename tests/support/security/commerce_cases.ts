/**
 * Hostile cases on commerce: one member cannot hold a product's stock with
 * checkouts they never confirm.
 *
 * @module
 */
import assert from "node:assert/strict";
import { bearer } from "../../../shared/testing/requests.ts";
import { signUp } from "../identity.ts";
import type { SecurityTarget } from "../security_target.ts";

const sku = "SUP-CREATINE-500G";

export async function commerceCases(t: Deno.TestContext, target: SecurityTarget) {
  await t.step("commerce: a sixth unconfirmed checkout is 409 and holds nothing", async () => {
    const { accessToken } = await signUp(target);
    const checkout = () =>
      target.request("/v1/payments", {
        method: "POST",
        headers: {
          ...bearer(accessToken),
          "content-type": "application/json",
          "idempotency-key": crypto.randomUUID(),
        },
        body: JSON.stringify({ items: [{ sku, quantity: 1 }] }),
      });
    for (let i = 0; i < 5; i++) {
      const response = await checkout();
      assert.equal(response.status, 201);
      await response.body?.cancel();
    }
    const before = await reserved(target);
    const refused = await checkout();
    assert.equal(refused.status, 409);
    assert.equal(refused.headers.get("content-type"), "application/problem+json");
    assert.equal((await refused.json()).code, "TOO_MANY_OPEN_PAYMENTS");
    assert.equal(await reserved(target), before);
  });
}

async function reserved(target: SecurityTarget): Promise<number> {
  const response = await target.request(`/v1/inventory/items/${sku}`);
  assert.equal(response.status, 200);
  return (await response.json()).reserved;
}
