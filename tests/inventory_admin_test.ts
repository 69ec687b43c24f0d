/**
 * The Inventory section of the contract, part 2: what admins do — create
 * items, change them, adjust stock, read the ledger — and what members and
 * strangers may not; the ledger kept equal to the levels; account deletion
 * leaving no user id in the ledger.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import {
  adminToken,
  freshSku,
  internalRequest,
  type ItemBody,
  itemOf,
  jsonRequest,
  ledgerMismatches,
  type MovementBody,
  type Page,
} from "../workers/inventory/testing.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest } from "./support/platform.ts";

/** A new product's body. */
function productBody(sku: string, extra: Record<string, unknown> = {}) {
  return {
    sku,
    name: "Magnesium Citrate 200 g",
    type: "product",
    priceCents: 1499,
    currency: "EUR",
    ...extra,
  };
}

platformTest("[inventory] admin routes: who may call them", async (t, open) => {
  const platform = await open();
  const admin = await adminToken(platform);
  const alice = await signUp(platform);
  const bob = await signUp(platform);
  const sku = freshSku();
  await expectJson(
    await platform.request("/v1/inventory/items", jsonRequest("POST", productBody(sku), admin)),
    201,
  );

  const routes: [string, string, unknown][] = [
    ["POST", "/v1/inventory/items", productBody(freshSku())],
    ["PATCH", `/v1/inventory/items/${sku}`, { name: "Renamed" }],
    ["POST", `/v1/inventory/items/${sku}/adjustments`, { delta: 5, reason: "delivery" }],
    ["GET", `/v1/inventory/items/${sku}/movements`, undefined],
  ];
  const init = (method: string, body: unknown, token?: string): RequestInit =>
    body === undefined
      ? { method, headers: token ? bearer(token) : {} }
      : jsonRequest(method, body, token);

  for (const [method, path, body] of routes) {
    await t.step(`${method} ${path.replace(sku, ":sku")}: 401 without a token`, async () => {
      await expectProblem(await platform.request(path, init(method, body)), 401, "UNAUTHENTICATED");
    });
    await t.step(`${method} ${path.replace(sku, ":sku")}: 401 with a junk token`, async () => {
      await expectProblem(
        await platform.request(path, init(method, body, "a.b.c")),
        401,
        "UNAUTHENTICATED",
      );
    });
    await t.step(`${method} ${path.replace(sku, ":sku")}: 403 for either member`, async () => {
      for (const member of [alice, bob]) {
        await expectProblem(
          await platform.request(path, init(method, body, member.accessToken)),
          403,
          "FORBIDDEN",
        );
      }
    });
  }

  await t.step("nothing a member tried changed the item", async () => {
    const item = await itemOf(platform, sku);
    assert.equal(item.name, "Magnesium Citrate 200 g");
    assert.equal(item.onHand, 0);
  });

  await t.step("members read the public routes like anyone", async () => {
    for (const member of [alice, bob]) {
      const item = await expectJson<ItemBody>(
        await platform.request(`/v1/inventory/items/${sku}`, {
          headers: bearer(member.accessToken),
        }),
        200,
      );
      assert.equal(item.sku, sku);
    }
  });

  await t.step("the internal routes are not public", async () => {
    for (
      const [method, path] of [
        ["POST", "/internal/inventory/reservations"],
        ["POST", "/internal/inventory/reservations/expire"],
        ["POST", "/v1/internal/inventory/reservations"],
      ]
    ) {
      const response = await platform.request(
        path,
        jsonRequest(method, { reservationId: "r1", lines: [{ sku, quantity: 1 }] }, admin),
      );
      await expectProblem(response, 404, "NOT_FOUND");
    }
    // Even straight at the worker, without the internal secret.
    await expectProblem(
      await platform.workers.inventory.fetch(
        new Request("http://inventory/internal/inventory/reservations/expire", { method: "POST" }),
      ),
      404,
      "NOT_FOUND",
    );
  });
});

platformTest("[inventory] POST /v1/inventory/items", async (t, open) => {
  const platform = await open();
  const admin = await adminToken(platform);

  await t.step("creates a product with no stock: 201 + Location", async () => {
    const sku = freshSku();
    const response = await platform.request(
      "/v1/inventory/items",
      jsonRequest("POST", productBody(sku, { lowStockThreshold: 4 }), admin),
    );
    assert.equal(response.headers.get("location"), `/v1/inventory/items/${sku}`);
    const item = await expectJson<ItemBody>(response, 201);
    assert.deepEqual(
      { ...item, createdAt: undefined, updatedAt: undefined },
      {
        sku,
        name: "Magnesium Citrate 200 g",
        type: "product",
        priceCents: 1499,
        currency: "EUR",
        onHand: 0,
        reserved: 0,
        available: 0,
        status: "in_service",
        lowStockThreshold: 4,
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    assert.deepEqual(await itemOf(platform, sku), item);
  });

  await t.step("creates equipment at price 0 (not for sale)", async () => {
    const sku = freshSku("EQ");
    const item = await expectJson<ItemBody>(
      await platform.request(
        "/v1/inventory/items",
        jsonRequest("POST", {
          sku,
          name: "Hip Thrust Machine",
          type: "equipment",
          priceCents: 0,
          currency: "EUR",
          status: "maintenance",
        }, admin),
      ),
      201,
    );
    assert.equal(item.type, "equipment");
    assert.equal(item.status, "maintenance");
  });

  await t.step("409 SKU_TAKEN for an existing SKU, the first item unchanged", async () => {
    await expectProblem(
      await platform.request(
        "/v1/inventory/items",
        jsonRequest("POST", productBody("SUP-CREATINE-500G", { name: "Impostor" }), admin),
      ),
      409,
      "SKU_TAKEN",
    );
    assert.equal((await itemOf(platform, "SUP-CREATINE-500G")).name, "Creatine Monohydrate 500 g");
  });

  await t.step("422 with a pointer for each bad member, nothing stored", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ sku: "lower-case" }, "/sku"],
      [{ sku: "-LEADING-DASH" }, "/sku"],
      [{ sku: "A" }, "/sku"],
      [{ sku: "X".repeat(41) }, "/sku"],
      [{ name: "" }, "/name"],
      [{ name: "   " }, "/name"],
      [{ name: "x".repeat(121) }, "/name"],
      [{ type: "service" }, "/type"],
      [{ priceCents: 0 }, "/priceCents"],
      [{ priceCents: -1 }, "/priceCents"],
      [{ priceCents: 9.5 }, "/priceCents"],
      [{ priceCents: "1499" }, "/priceCents"],
      [{ priceCents: 10_000_001 }, "/priceCents"],
      [{ currency: "eur" }, "/currency"],
      [{ currency: "ZZZ" }, "/currency"],
      [{ lowStockThreshold: -1 }, "/lowStockThreshold"],
      [{ status: "maintenance" }, "/status"],
      [{ status: "broken" }, "/status"],
      [{ onHand: 100 }, "/onHand"],
    ];
    for (const [change, pointer] of cases) {
      const sku = freshSku();
      const problem = await expectProblem(
        await platform.request(
          "/v1/inventory/items",
          jsonRequest("POST", productBody(sku, change), admin),
        ),
        422,
        "VALIDATION_FAILED",
      );
      assert.equal(problem.errors?.[0].pointer, pointer, JSON.stringify(change));
      if (typeof change.sku !== "string") {
        await expectProblem(
          await platform.request(`/v1/inventory/items/${sku}`),
          404,
          "ITEM_NOT_FOUND",
        );
      }
    }
    const missing = await expectProblem(
      await platform.request("/v1/inventory/items", jsonRequest("POST", { name: "x" }, admin)),
      422,
      "VALIDATION_FAILED",
    );
    assert.ok(missing.errors?.some((error) => error.pointer === "/sku"));
  });

  await t.step("400 for malformed JSON, 415 for another media type", async () => {
    await expectProblem(
      await platform.request("/v1/inventory/items", {
        method: "POST",
        headers: bearer(admin, { "content-type": "application/json" }),
        body: "{",
      }),
      400,
      "MALFORMED_JSON",
    );
    await expectProblem(
      await platform.request("/v1/inventory/items", {
        method: "POST",
        headers: bearer(admin, { "content-type": "text/plain" }),
        body: "sku",
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });
});

platformTest("[inventory] PATCH /v1/inventory/items/:sku", async (t, open) => {
  const platform = await open();
  const admin = await adminToken(platform);
  const sku = freshSku();
  await expectJson(
    await platform.request("/v1/inventory/items", jsonRequest("POST", productBody(sku), admin)),
    201,
  );
  const patch = (body: unknown, target = sku) =>
    platform.request(`/v1/inventory/items/${target}`, jsonRequest("PATCH", body, admin));

  await t.step("changes name, price, status and threshold", async () => {
    const item = await expectJson<ItemBody>(
      await patch({ name: "Magnesium 250 g", priceCents: 1699, lowStockThreshold: 7 }),
      200,
    );
    assert.equal(item.name, "Magnesium 250 g");
    assert.equal(item.priceCents, 1699);
    assert.equal(item.lowStockThreshold, 7);
    assert.equal(item.type, "product");
    const retired = await expectJson<ItemBody>(await patch({ status: "retired" }), 200);
    assert.equal(retired.status, "retired");
    assert.deepEqual(await itemOf(platform, sku), retired);
  });

  await t.step("the type, SKU and currency are immutable: 422", async () => {
    for (
      const [body, pointer] of [
        [{ type: "equipment" }, "/type"],
        [{ sku: "OTHER-SKU" }, "/sku"],
        [{ currency: "USD" }, "/currency"],
      ] as const
    ) {
      const problem = await expectProblem(await patch(body), 422, "VALIDATION_FAILED");
      assert.equal(problem.errors?.[0].pointer, pointer);
    }
    assert.equal((await itemOf(platform, sku)).type, "product");
  });

  await t.step("422 for rules of the type and for bad values", async () => {
    for (
      const [body, pointer] of [
        [{ status: "maintenance" }, "/status"],
        [{ priceCents: 0 }, "/priceCents"],
        [{ priceCents: -5 }, "/priceCents"],
        [{ name: "" }, "/name"],
        [{ lowStockThreshold: 1.5 }, "/lowStockThreshold"],
        [{ unknown: true }, "/unknown"],
        [{}, ""],
      ] as const
    ) {
      const problem = await expectProblem(await patch(body), 422, "VALIDATION_FAILED");
      assert.equal(problem.errors?.[0].pointer, pointer, JSON.stringify(body));
    }
    assert.equal((await itemOf(platform, sku)).priceCents, 1699);
  });

  await t.step("equipment may go to maintenance", async () => {
    const item = await expectJson<ItemBody>(
      await patch({ status: "maintenance" }, "EQ-AIR-BIKE"),
      200,
    );
    assert.equal(item.status, "maintenance");
  });

  await t.step("404 ITEM_NOT_FOUND for an unknown SKU", async () => {
    await expectProblem(await patch({ name: "x" }, "NOPE-NOPE"), 404, "ITEM_NOT_FOUND");
    await expectProblem(await patch({ name: "x" }, "lower"), 404, "ITEM_NOT_FOUND");
  });
});

platformTest("[inventory] adjustments and the ledger", async (t, open) => {
  const platform = await open();
  const admin = await adminToken(platform);
  const adminId = JSON.parse(atob(admin.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")))
    .sub as string;
  const sku = freshSku();
  await expectJson(
    await platform.request("/v1/inventory/items", jsonRequest("POST", productBody(sku), admin)),
    201,
  );
  const adjust = (body: unknown, target = sku, token = admin) =>
    platform.request(
      `/v1/inventory/items/${target}/adjustments`,
      jsonRequest("POST", body, token),
    );

  await t.step("201 with the new levels and the movement", async () => {
    const response = await adjust({ delta: 12, reason: "  delivery from the wholesaler  " });
    assert.equal(response.headers.get("location"), `/v1/inventory/items/${sku}/movements`);
    const body = await expectJson<ItemBody & { movement: MovementBody }>(response, 201);
    assert.equal(body.onHand, 12);
    assert.equal(body.reserved, 0);
    assert.equal(body.available, 12);
    assert.equal(body.movement.kind, "adjustment");
    assert.equal(body.movement.deltaOnHand, 12);
    assert.equal(body.movement.deltaReserved, 0);
    assert.equal(body.movement.reason, "delivery from the wholesaler");
    assert.equal(body.movement.actor, adminId);
    const down = await expectJson<ItemBody>(await adjust({ delta: -5, reason: "damaged" }), 201);
    assert.equal(down.onHand, 7);
    assert.equal((await itemOf(platform, sku)).available, 7);
  });

  await t.step("a delta that would make stock negative is 409 and changes nothing", async () => {
    const problem = await expectProblem(
      await adjust({ delta: -8, reason: "stocktake" }),
      409,
      "INSUFFICIENT_STOCK",
    );
    assert.equal(problem.onHand, 7);
    const item = await itemOf(platform, sku);
    assert.equal(item.onHand, 7);
    assert.equal(await ledgerMismatches(platform).then((rows) => rows.length), 0);
  });

  await t.step("stock may go to exactly 0", async () => {
    assert.equal(
      (await expectJson<ItemBody>(await adjust({ delta: -7, reason: "x" }), 201)).onHand,
      0,
    );
    assert.equal(
      (await expectJson<ItemBody>(await adjust({ delta: 7, reason: "x" }), 201)).onHand,
      7,
    );
  });

  await t.step("422 for a bad delta or reason, 404 for an unknown SKU", async () => {
    for (
      const [body, pointer] of [
        [{ delta: 0, reason: "x" }, "/delta"],
        [{ delta: 1.5, reason: "x" }, "/delta"],
        [{ delta: "3", reason: "x" }, "/delta"],
        [{ delta: 1_000_001, reason: "x" }, "/delta"],
        [{ delta: 1, reason: "" }, "/reason"],
        [{ delta: 1, reason: "x".repeat(201) }, "/reason"],
        [{ delta: 1 }, "/reason"],
        [{ delta: 1, reason: "x", actor: "someone" }, "/actor"],
      ] as const
    ) {
      const problem = await expectProblem(await adjust(body), 422, "VALIDATION_FAILED");
      assert.equal(problem.errors?.[0].pointer, pointer, JSON.stringify(body));
    }
    await expectProblem(
      await adjust({ delta: 1, reason: "x" }, "NOPE-NOPE"),
      404,
      "ITEM_NOT_FOUND",
    );
    assert.equal((await itemOf(platform, sku)).onHand, 7);
  });

  await t.step("GET …/movements pages the ledger newest first", async () => {
    const seen: MovementBody[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page: Page<MovementBody> = await expectJson<Page<MovementBody>>(
        await platform.request(`/v1/inventory/items/${sku}/movements${query}`, {
          headers: bearer(admin),
        }),
        200,
      );
      assert.ok(page.items.length <= 2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen.map((movement) => movement.deltaOnHand), [7, -7, -5, 12]);
    assert.equal(new Set(seen.map((movement) => movement.id)).size, 4);
    assert.equal(seen.reduce((sum, movement) => sum + movement.deltaOnHand, 0), 7);
    assert.ok(seen.every((movement) => movement.sku === sku && movement.reservationId === null));
    await expectProblem(
      await platform.request("/v1/inventory/items/NOPE-NOPE/movements", {
        headers: bearer(admin),
      }),
      404,
      "ITEM_NOT_FOUND",
    );
    await expectProblem(
      await platform.request(`/v1/inventory/items/${sku}/movements?cursor=abc`, {
        headers: bearer(admin),
      }),
      422,
      "VALIDATION_FAILED",
    );
  });

  await t.step("20 concurrent adjustments all land, and the ledger still sums", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => adjust({ delta: i % 2 === 0 ? 3 : -1, reason: "c" })),
    );
    for (const response of responses) await expectJson(response, 201);
    assert.equal((await itemOf(platform, sku)).onHand, 7 + 10 * 3 - 10);
    assert.deepEqual(await ledgerMismatches(platform), []);
  });

  await t.step("closing the admin's account takes their id out of the ledger", async () => {
    const before = await platform.stores.postgres.db.execute<{ n: number }>(
      sql`select count(*)::int as n from inventory.stock_movements where actor = ${adminId}`,
    );
    assert.ok(before.rows[0].n > 0);
    await platform.events.queue.publish({
      id: crypto.randomUUID(),
      type: "UserDeleted",
      occurredAt: new Date().toISOString(),
      payload: { userId: adminId, deletedAt: new Date().toISOString() },
    }, { consumer: "inventory" });
    const deadline = Date.now() + 10_000;
    let left = before.rows[0].n;
    while (left > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
        sql`select count(*)::int as n from inventory.stock_movements where actor = ${adminId}`,
      );
      left = rows[0].n;
    }
    assert.equal(left, 0);
    const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
      sql`select count(*)::int as n from inventory.stock_movements
          where sku = ${sku} and actor = 'deleted-user'`,
    );
    assert.equal(rows[0].n, 24);
    // The seed's movements keep their actor, and the levels did not move.
    const system = await platform.stores.postgres.db.execute<{ n: number }>(
      sql`select count(*)::int as n from inventory.stock_movements where actor = 'system'`,
    );
    assert.ok(system.rows[0].n >= 40);
    assert.equal((await itemOf(platform, sku)).onHand, 27);
  });

  await t.step("the internal routes need the secret, not a role", async () => {
    const response = await internalRequest(platform, "/internal/inventory/reservations/expire", {
      method: "POST",
    });
    assert.deepEqual(await expectJson(response, 200), { expired: 0 });
  });
});
