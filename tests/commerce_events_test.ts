/**
 * The consumers of the commerce events, end to end on the composed platform:
 * `StockLow`, `PaymentSucceeded`, `PaymentFailed` and `PaymentRefunded` are
 * published on the platform's real queue (signed deliveries to each
 * consumer's `/queue/deliveries`, as the outbox relay publishes them), and
 * their effects are read through the public API — the inboxes and the admin
 * analytics overview — on both store variants.
 */
import { type OverviewBody } from "../workers/analytics/testing.ts";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { type Fetcher, inProcessBinding } from "../shared/bindings/service_binding.ts";
import type { EventContract, PayloadOf } from "../shared/events/contract.ts";
import { StockLow } from "../workers/inventory/contracts.ts";
import { PaymentFailed, PaymentRefunded, PaymentSucceeded } from "../workers/payments/contracts.ts";
import type { EventMessage } from "../shared/queue/port.ts";
import { listAdmins } from "../workers/auth/client.ts";
import { eventually, expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";
import { type NotificationBody, type Page } from "../workers/notifications/testing.ts";

type Consumer = "notifications" | "analytics";

/**
 * Records each consumer's answer to every delivery the queue makes, by event
 * id: the platform's bindings resolve `platform.workers` on each call, so
 * the queue reaches the consumer through this wrapper.
 */
function watchDeliveries(platform: TestPlatform, consumer: Consumer): Map<string, number[]> {
  const answers = new Map<string, number[]>();
  const worker: Fetcher = platform.workers[consumer];
  platform.workers[consumer] = {
    async fetch(request, env) {
      const delivery = new URL(request.url).pathname === "/queue/deliveries";
      const id = delivery ? (await request.clone().json()).id as string : undefined;
      const response = await worker.fetch(request, env);
      if (id !== undefined) answers.set(id, [...(answers.get(id) ?? []), response.status]);
      return response;
    },
  };
  return answers;
}

/** An event of its contract, as a producer's outbox holds it. */
function event<C extends EventContract>(
  contract: C,
  payload: PayloadOf<C>,
  id: string = crypto.randomUUID(),
): EventMessage<PayloadOf<C>> {
  return { id, type: contract.type, occurredAt: new Date().toISOString(), payload };
}

async function loginAs(platform: TestPlatform, email: string, password: string) {
  const body = await expectJson<{ accessToken: string; user: { id: string } }>(
    await platform.request("/v1/auth/login", postJson({ email, password })),
    200,
  );
  return { id: body.user.id, accessToken: body.accessToken };
}

platformTest("[events] commerce events reach notifications and analytics", async (t, open) => {
  const platform = await open();
  const answers = {
    notifications: watchDeliveries(platform, "notifications"),
    analytics: watchDeliveries(platform, "analytics"),
  };

  /**
   * Publishes `message` to `consumer` on the queue, with no retry (a failure
   * goes straight to the dead letters), and answers the consumer's status.
   */
  async function deliver(consumer: Consumer, message: EventMessage): Promise<number> {
    const before = answers[consumer].get(message.id)?.length ?? 0;
    await platform.events.queue.publish(message, { consumer, retries: 0 });
    const seen = await eventually(
      `${consumer} to answer ${message.type} ${message.id}`,
      () => Promise.resolve(answers[consumer].get(message.id) ?? []),
      (statuses) => statuses.length > before,
    );
    return seen[seen.length - 1];
  }

  const password = "correct horse battery";
  const admins: { id: string; accessToken: string }[] = [];
  for (const name of ["ada", "grace"]) {
    const email = `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await platform.ensureAdmin({ email, password });
    admins.push(await loginAs(platform, email, password));
  }
  const payer = await signUp(platform, { displayName: "Pat" });
  const member = await signUp(platform, { displayName: "Max" });

  const inbox = async (token: string, type: string) => {
    const page = await expectJson<Page<NotificationBody>>(
      await platform.request("/v1/notifications?limit=100", { headers: bearer(token) }),
      200,
    );
    return page.items.filter((item) => item.type === type);
  };
  const overview = async () =>
    await expectJson<OverviewBody>(
      await platform.request("/v1/admin/analytics/overview", {
        headers: bearer(admins[0].accessToken),
      }),
      200,
    );

  // Midnight UTC of today: inside the overview's window whenever the test runs.
  const today = new Date().toISOString().slice(0, 10);
  const midnight = `${today}T00:00:00.000Z`;
  const membership = event(PaymentSucceeded, {
    paymentId: "pay-membership",
    userId: payer.id,
    amountCents: 2900,
    currency: "EUR",
    planId: "plan_monthly",
    items: [],
    succeededAt: midnight,
  });
  const order = event(PaymentSucceeded, {
    paymentId: "pay-order",
    userId: payer.id,
    amountCents: 1500,
    currency: "EUR",
    planId: null,
    items: [{ sku: "whey-1kg", quantity: 1, unitPriceCents: 1500 }],
    succeededAt: midnight,
  });
  const dollars = event(PaymentSucceeded, {
    paymentId: "pay-dollars",
    userId: member.id,
    amountCents: 1000,
    currency: "USD",
    planId: null,
    items: [{ sku: "day-pass", quantity: 1, unitPriceCents: 1000 }],
    succeededAt: midnight,
  });
  const refund = event(PaymentRefunded, {
    paymentId: "pay-order",
    userId: payer.id,
    amountCents: 1500,
    currency: "EUR",
    refundedAt: midnight,
  });

  await t.step("PaymentSucceeded: the payer's inbox shows payment_succeeded", async () => {
    assert.equal(await deliver("notifications", membership), 204);
    const [paid] = await inbox(payer.accessToken, "payment_succeeded");
    assert.equal(paid.title, "Payment of €29.00 received");
    assert.match(paid.body, /monthly membership/);
    assert.deepEqual(paid.data, {
      paymentId: "pay-membership",
      amountCents: 2900,
      currency: "EUR",
      planId: "plan_monthly",
    });
    assert.deepEqual(await inbox(member.accessToken, "payment_succeeded"), []);
  });

  await t.step("PaymentFailed: the payer's inbox shows payment_failed", async () => {
    const failed = event(PaymentFailed, {
      paymentId: "pay-declined",
      userId: payer.id,
      amountCents: 2900,
      currency: "EUR",
      reason: "Your card was declined.",
      failedAt: new Date().toISOString(),
    });
    assert.equal(await deliver("notifications", failed), 204);
    const [notice] = await inbox(payer.accessToken, "payment_failed");
    assert.equal(notice.title, "Payment of €29.00 failed");
    assert.deepEqual(notice.data, { paymentId: "pay-declined", reason: "Your card was declined." });
  });

  await t.step("PaymentRefunded: the payer's inbox shows payment_refunded", async () => {
    assert.equal(await deliver("notifications", refund), 204);
    const [notice] = await inbox(payer.accessToken, "payment_refunded");
    assert.equal(notice.title, "Refund of €15.00 issued");
    assert.deepEqual(notice.data, { paymentId: "pay-order", amountCents: 1500, currency: "EUR" });
  });

  const crossing = event(StockLow, {
    sku: "whey-1kg",
    name: "Whey protein 1 kg",
    available: 2,
    threshold: 5,
  });

  await t.step("auth lists exactly the admins, to peers only", async () => {
    const binding = inProcessBinding(platform.workers.auth, {
      internalSecret: platform.internalSecret,
    });
    assert.deepEqual(
      (await listAdmins(binding)).sort(),
      admins.map((admin) => admin.id).sort(),
    );
    // Without the internal secret, from outside or even straight to the worker, it does not exist.
    await expectProblem(await platform.request("/internal/auth/admins"), 404, "NOT_FOUND");
    await expectProblem(
      await platform.workers.auth.fetch(new Request("http://auth.internal/internal/auth/admins")),
      404,
      "NOT_FOUND",
    );
  });

  await t.step("StockLow: every admin's inbox shows low_stock, a member's does not", async () => {
    assert.equal(await deliver("notifications", crossing), 204);
    for (const admin of admins) {
      const [notice] = await inbox(admin.accessToken, "low_stock");
      assert.equal(notice.title, "Low stock: Whey protein 1 kg");
      assert.deepEqual(notice.data, {
        sku: "whey-1kg",
        name: "Whey protein 1 kg",
        available: 2,
        threshold: 5,
      });
    }
    assert.deepEqual(await inbox(payer.accessToken, "low_stock"), []);
    assert.deepEqual(await inbox(member.accessToken, "low_stock"), []);
  });

  await t.step("a duplicate delivery has one effect", async () => {
    assert.equal(await deliver("notifications", crossing), 204);
    assert.equal(await deliver("notifications", membership), 204);
    for (const admin of admins) {
      assert.equal((await inbox(admin.accessToken, "low_stock")).length, 1);
    }
    assert.equal((await inbox(payer.accessToken, "payment_succeeded")).length, 1);
  });

  await t.step("StockLow is refused while auth is unreachable, then delivered", async () => {
    const auth = platform.workers.auth;
    platform.workers.auth = {
      fetch: () => Promise.reject(new TypeError("auth: connection refused")),
    };
    const second = event(StockLow, {
      sku: "belt",
      name: "Lifting belt",
      available: 1,
      threshold: 3,
    });
    let status: number;
    try {
      status = await deliver("notifications", second);
    } finally {
      platform.workers.auth = auth;
    }
    assert.ok(status >= 300, `answered ${status}`);
    for (const admin of admins) {
      assert.equal((await inbox(admin.accessToken, "low_stock")).length, 1);
    }

    // Nothing is lost: the delivery waits in the dead letters; an admin replays it.
    const letters = await eventually(
      "the refused StockLow among the dead letters",
      async () =>
        await expectJson<{ items: { id: string; message: { id: string } }[] }>(
          await platform.request("/v1/admin/dead-letters", {
            headers: bearer(admins[0].accessToken),
          }),
          200,
        ),
      (body) => body.items.some((item) => item.message.id === second.id),
    );
    const letter = letters.items.find((item) => item.message.id === second.id)!;
    const replay = await platform.request(`/v1/admin/dead-letters/${letter.id}/replay`, {
      method: "POST",
      headers: bearer(admins[0].accessToken),
    });
    assert.equal(replay.status, 202);
    await replay.body?.cancel();
    await eventually(
      "the replayed StockLow to be processed",
      () => Promise.resolve(answers.notifications.get(second.id) ?? []),
      (statuses) => statuses.includes(204),
    );
    for (const admin of admins) {
      const notices = await inbox(admin.accessToken, "low_stock");
      assert.deepEqual(notices.map((notice) => (notice.data as { sku: string }).sku).sort(), [
        "belt",
        "whey-1kg",
      ]);
    }
  });

  const revenueToday = async () =>
    (await overview()).revenueByDay.filter((row) => row.date === today);

  await t.step("the admin overview shows the day's revenue per currency", async () => {
    for (const paid of [membership, order, dollars]) {
      assert.equal(await deliver("analytics", paid), 204);
    }
    assert.deepEqual(await revenueToday(), [
      { date: today, amountCents: 4400, currency: "EUR" },
      { date: today, amountCents: 1000, currency: "USD" },
    ]);
    assert.equal((await overview()).payingUsers, 2);
  });

  await t.step("a refund reduces the revenue of the day it is made", async () => {
    assert.equal(await deliver("analytics", refund), 204);
    assert.deepEqual(await revenueToday(), [
      { date: today, amountCents: 2900, currency: "EUR" },
      { date: today, amountCents: 1000, currency: "USD" },
    ]);
  });

  await t.step("duplicates change no revenue, whatever their event id", async () => {
    assert.equal(await deliver("analytics", order), 204);
    assert.equal(await deliver("analytics", refund), 204);
    // The same payment announced again under a new event id (a producer's retry).
    assert.equal(await deliver("analytics", { ...membership, id: crypto.randomUUID() }), 204);
    assert.equal(await deliver("analytics", { ...refund, id: crypto.randomUUID() }), 204);
    assert.deepEqual(await revenueToday(), [
      { date: today, amountCents: 2900, currency: "EUR" },
      { date: today, amountCents: 1000, currency: "USD" },
    ]);
  });

  await t.step("closing the payer's account anonymises their revenue, keeping it", async () => {
    const closed = await platform.request("/v1/me", {
      method: "DELETE",
      headers: bearer(payer.accessToken),
    });
    assert.equal(closed.status, 204);
    await eventually(
      "analytics to forget the payer",
      async () => {
        const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
          sql`select count(*)::int as n from analytics.revenue_facts where user_id = ${payer.id}`,
        );
        return rows[0].n;
      },
      (n) => n === 0,
    );
    assert.deepEqual(await revenueToday(), [
      { date: today, amountCents: 2900, currency: "EUR" },
      { date: today, amountCents: 1000, currency: "USD" },
    ]);
    assert.equal((await overview()).payingUsers, 1);
  });
});
