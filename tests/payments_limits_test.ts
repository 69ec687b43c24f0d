/**
 * What one member can tie up with checkouts they never pay (security review):
 * at most 5 payments awaiting confirmation, whatever the concurrency, the 6th
 * refused before it reserves anything; stock held 10 minutes, after which the
 * payment no longer counts; 20 new checkouts per 10 minutes, replays free.
 * And path ids of every payments and inventory route: junk is a 404
 * problem+json (400 when the gateway refuses the path itself), never a 5xx,
 * whatever the body.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { inProcessBinding } from "../shared/bindings/service_binding.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import {
  admin,
  checkout,
  confirm,
  levels,
  type PaymentBody,
  product,
} from "../workers/payments/testing.ts";
import { type ReservationBody } from "../workers/inventory/testing.ts";

async function openPaymentsOf(platform: TestPlatform, userId: string): Promise<number> {
  const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
    sql`select count(*)::int as n from payments.payments
        where user_id = ${userId} and status = 'requires_confirmation'`,
  );
  return rows[0].n;
}

/** A request to a worker itself (its routes behind the gateway), with the internal secret. */
function direct(
  platform: TestPlatform,
  worker: "payments" | "inventory",
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const binding = inProcessBinding(() => platform.workers[worker], {
    internalSecret: platform.internalSecret,
  });
  return binding.fetch(new Request(new URL(path, `http://${worker}.internal`), init));
}

platformTest("[payments] POST /v1/payments open payments per member", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const token = member.accessToken;
  const sku = await product(platform, { priceCents: 500, onHand: 30 });
  const line = { items: [{ sku, quantity: 1 }] };
  const keys = Array.from({ length: 5 }, () => crypto.randomUUID());
  const payments: PaymentBody[] = [];
  const refusedKey = crypto.randomUUID();

  await t.step("five checkouts awaiting confirmation are served", async () => {
    for (const key of keys) {
      const response = await checkout(platform, token, line, key);
      payments.push(await expectJson<PaymentBody>(response, 201));
      assert.match(response.headers.get("ratelimit-policy") ?? "", /^"checkout";q=20;w=600, /);
    }
    assert.equal((await levels(platform, sku)).reserved, 5);
  });

  await t.step("the sixth is 409 TOO_MANY_OPEN_PAYMENTS and reserves nothing", async () => {
    const response = await checkout(platform, token, line, refusedKey);
    const retryAfter = Number(response.headers.get("retry-after"));
    const problem = await expectProblem(response, 409, "TOO_MANY_OPEN_PAYMENTS");
    assert.equal(problem.maxOpenPayments, 5);
    assert.ok(retryAfter >= 1 && retryAfter <= 600, `Retry-After ${retryAfter}`);
    // A plan reserves no stock, but it is an unconfirmed payment too.
    await expectProblem(
      await checkout(platform, token, { planId: "monthly" }),
      409,
      "TOO_MANY_OPEN_PAYMENTS",
    );
    assert.equal((await levels(platform, sku)).reserved, 5);
    assert.equal(await openPaymentsOf(platform, member.id), 5);
  });

  await t.step("a replay of an open payment's key is still its first answer", async () => {
    const replay = await checkout(platform, token, line, keys[0]);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(await expectJson<PaymentBody>(replay, 201), payments[0]);
  });

  await t.step("another member is not held back", async () => {
    const other = await signUp(platform);
    await expectJson(await checkout(platform, other.accessToken, line), 201);
  });

  await t.step("a confirmed payment frees a slot; the refused key then succeeds", async () => {
    await expectJson(await confirm(platform, token, payments[0].id, "pm_card_visa"), 200);
    // The refusal was not stored as the key's answer: the member's situation changed, not the request.
    const retried = await checkout(platform, token, line, refusedKey);
    assert.equal(retried.headers.get("idempotent-replayed"), null);
    await expectJson<PaymentBody>(retried, 201);
    await expectProblem(await checkout(platform, token, line), 409, "TOO_MANY_OPEN_PAYMENTS");
  });

  await t.step("a declined payment frees a slot", async () => {
    const declined = await expectJson<{ status: string }>(
      await confirm(platform, token, payments[1].id, "pm_card_chargeDeclined"),
      200,
    );
    assert.equal(declined.status, "failed");
    await expectJson(await checkout(platform, token, line), 201);
  });

  await t.step("the stock is held for 10 minutes", async () => {
    const response = await direct(
      platform,
      "inventory",
      `/internal/inventory/reservations/${payments[2].id}`,
    );
    const reservation = await expectJson<ReservationBody>(response, 200);
    const heldMs = Date.parse(reservation.expiresAt) - Date.parse(reservation.createdAt);
    assert.equal(heldMs, 10 * 60_000);
  });
});

platformTest("[payments] POST /v1/payments 20 concurrent checkouts", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const token = member.accessToken;
  const sku = await product(platform, { priceCents: 500, onHand: 50 });
  const line = { items: [{ sku, quantity: 2 }] };
  const created: { key: string; body: PaymentBody }[] = [];

  await t.step("with 20 keys at once create at most 5 payments", async () => {
    const keys = Array.from({ length: 20 }, () => crypto.randomUUID());
    const responses = await Promise.all(keys.map((key) => checkout(platform, token, line, key)));
    for (const [i, response] of responses.entries()) {
      if (response.status === 201) {
        created.push({ key: keys[i], body: await expectJson<PaymentBody>(response, 201) });
      } else {
        await expectProblem(response, 409, "TOO_MANY_OPEN_PAYMENTS");
      }
    }
    assert.equal(created.length, 5);
    assert.equal(await openPaymentsOf(platform, member.id), 5);
    assert.equal((await levels(platform, sku)).reserved, 10);
  });

  await t.step("the 21st new checkout in 10 minutes is 429 RATE_LIMITED", async () => {
    const response = await checkout(platform, token, { planId: "monthly" });
    const headers = Object.fromEntries(
      ["retry-after", "ratelimit-policy", "ratelimit"]
        .map((name) => [name, response.headers.get(name)]),
    );
    await expectProblem(response, 429, "RATE_LIMITED");
    assert.match(headers["ratelimit-policy"] ?? "", /^"checkout";q=20;w=600/);
    const reset = Number(/^"checkout";r=0;t=(\d+)/.exec(headers.ratelimit ?? "")?.[1]);
    assert.ok(reset >= 1 && reset <= 600, `RateLimit t=${reset}`);
    assert.equal(headers["retry-after"], String(reset));
    assert.equal((await levels(platform, sku)).reserved, 10);
  });

  await t.step("a replay is answered while the member is limited", async () => {
    const replay = await checkout(platform, token, line, created[0].key);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(await expectJson<PaymentBody>(replay, 201), created[0].body);
  });
});

platformTest(
  "[payments] POST /v1/payments open payments lapse with their hold",
  async (t, open) => {
    let clock = Date.now();
    const platform = await open({ now: () => new Date(clock) });
    const member = await signUp(platform);
    const token = member.accessToken;

    await t.step("a payment older than the hold no longer counts", async () => {
      for (let i = 0; i < 5; i++) {
        await expectJson(await checkout(platform, token, { planId: "monthly" }), 201);
      }
      clock += 9 * 60_000;
      const response = await checkout(platform, token, { planId: "monthly" });
      // The oldest hold lapses in one minute.
      assert.ok(Number(response.headers.get("retry-after")) <= 60);
      await expectProblem(response, 409, "TOO_MANY_OPEN_PAYMENTS");
      clock += 60_000 + 1_000;
      await expectJson(await checkout(platform, token, { planId: "monthly" }), 201);
    });
  },
);

platformTest("[payments] path ids of payments and inventory routes", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform);
  const adminToken = await admin(platform);
  const junk = [
    "%00",
    "pay_%00",
    `pay_${"a".repeat(23)}%00`,
    "%ZZ",
    "%E0%A4%A",
    "%F0%9F%98%80",
    "x".repeat(4_000),
    "lower-case",
    "DROP%20TABLE%20payments",
    "%2F%2F",
  ];
  // Each route with a body that is not valid either: the id is judged first.
  const routes: [string, (id: string) => string, string | null, string, string][] = [
    ["GET", (id) => `/v1/payments/${id}`, member.accessToken, "", "PAYMENT_NOT_FOUND"],
    ["POST", (id) => `/v1/payments/${id}/confirm`, member.accessToken, "{}", "PAYMENT_NOT_FOUND"],
    ["POST", (id) => `/v1/admin/payments/${id}/refund`, adminToken, "{}", "PAYMENT_NOT_FOUND"],
    ["GET", (id) => `/v1/inventory/items/${id}`, null, "", "ITEM_NOT_FOUND"],
    ["PATCH", (id) => `/v1/inventory/items/${id}`, adminToken, "{}", "ITEM_NOT_FOUND"],
    [
      "POST",
      (id) => `/v1/inventory/items/${id}/adjustments`,
      adminToken,
      "{}",
      "ITEM_NOT_FOUND",
    ],
    [
      "GET",
      (id) => `/v1/inventory/items/${id}/movements?limit=0`,
      adminToken,
      "",
      "ITEM_NOT_FOUND",
    ],
  ];
  const init = (method: string, token: string | null, body: string): RequestInit => ({
    method,
    headers: {
      ...(token ? bearer(token) : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body || undefined,
  });

  await t.step("through the gateway: 404 (or 400 for a refused path), never a 5xx", async () => {
    for (const [method, path, token, body, code] of routes) {
      for (const id of junk) {
        const response = await platform.request(path(id), init(method, token, body));
        const label = `${method} ${path(id).slice(0, 80)}`;
        assert.ok([400, 404].includes(response.status), `${label} → ${response.status}`);
        const problem = await expectProblem(
          response,
          response.status,
          response.status === 404 ? code : "BAD_REQUEST",
        );
        assert.ok(problem.detail, label);
      }
    }
  });

  await t.step("the workers themselves: 404 with the resource's code", async () => {
    for (const [method, path, token, body, code] of routes) {
      const worker = path("x").startsWith("/v1/inventory") ? "inventory" : "payments";
      for (const id of junk) {
        await expectProblem(
          await direct(platform, worker, path(id), init(method, token, body)),
          404,
          code,
        );
      }
    }
  });

  await t.step("internal reservation routes: 404 RESERVATION_NOT_FOUND", async () => {
    // A valid body: some junk ("lower-case") is a well-formed id, found to name nothing.
    for (const id of junk) {
      for (const [method, suffix] of [["GET", ""], ["POST", "/commit"], ["POST", "/release"]]) {
        const response = await direct(
          platform,
          "inventory",
          `/internal/inventory/reservations/${id}${suffix}`,
          init(method, null, method === "POST" ? '{"actor":"system"}' : ""),
        );
        await expectProblem(response, 404, "RESERVATION_NOT_FOUND");
      }
    }
  });

  await t.step("well-formed ids that name nothing are 404 too", async () => {
    await expectProblem(
      await platform.request(`/v1/payments/pay_${"a".repeat(24)}`, {
        headers: bearer(member.accessToken),
      }),
      404,
      "PAYMENT_NOT_FOUND",
    );
    await expectProblem(
      await platform.request("/v1/inventory/items/NO-SUCH-SKU"),
      404,
      "ITEM_NOT_FOUND",
    );
  });
});
