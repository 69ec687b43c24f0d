/**
 * Traffic through every domain, for the suites that check what operators see
 * (tests/domain_metrics_test.ts in-process, tests/monitoring_test.ts through
 * a real Pushgateway and Prometheus): sign-ups (one refused), failed logins
 * up to an account lockout, a reused refresh token, 401s and 403s, a session
 * with personal records, a report, purchases (one down to the low-stock
 * threshold, one declined, one refunded), and a poison event that ends in
 * the dead letters.
 *
 * Every step goes through the public HTTP API except the poison event, which
 * the caller publishes on the queue (no client can send one).
 *
 * @module
 */
import assert from "node:assert/strict";
import { eventually } from "../../shared/testing/assertions.ts";
import { bearer, postJson } from "../../shared/testing/requests.ts";
import type { MessageQueue } from "../../shared/queue/port.ts";
import { signUp } from "./identity.ts";

type Send = (path: string, init?: RequestInit) => Promise<Response>;

/** What the traffic needs besides the API. */
export interface TrafficOptions {
  adminToken: string;
  /** Publishes a message that breaks its contract, so it ends in the dead letters. */
  poison(): Promise<void>;
}

/** Seeded: 30 on hand, threshold 6, €24.99. */
export const lowStockSku = "SUP-CREATINE-500G";

/** The body of a JSON answer with `status`. */
async function answer<T>(response: Promise<Response>, status: number): Promise<T> {
  const settled = await response;
  const text = await settled.text();
  assert.equal(settled.status, status, `expected ${status}, got ${settled.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Drives the traffic; resolves once every asynchronous effect has happened, with the buyer. */
export async function driveTraffic(
  direct: Send,
  options: TrafficOptions,
): Promise<{ shopperToken: string }> {
  const send = retryingUnavailable(direct);
  const platform = { request: send };
  const { adminToken } = options;
  const member = await signUp(platform);
  const shopper = await signUp(platform);

  // A refused sign-up: the email is taken.
  await answer(
    send(
      "/v1/auth/register",
      postJson({ email: member.email, password: "another password", displayName: "Twin" }),
    ),
    409,
  );

  // Failed logins until the account locks (10 failures a window, then 429).
  const victim = await signUp(platform);
  for (let attempt = 0; attempt < 10; attempt++) {
    await answer(
      send("/v1/auth/login", postJson({ email: victim.email, password: "wrong password" })),
      401,
    );
  }
  await answer(
    send("/v1/auth/login", postJson({ email: victim.email, password: "wrong password" })),
    429,
  );
  await answer(
    send("/v1/auth/login", postJson({ email: member.email, password: member.password })),
    200,
  );

  // A refresh token used twice: the second use is a reuse, and revokes the login.
  const refresh = (refreshToken: string) => send("/v1/auth/refresh", postJson({ refreshToken }));
  await answer(refresh(member.refreshToken), 200);
  await answer(refresh(member.refreshToken), 401);

  // 401 without a token, 403 for a member at an admin route.
  await answer(send("/v1/me"), 401);
  await answer(send("/v1/admin/dead-letters", { headers: bearer(shopper.accessToken) }), 403);

  // Two sessions: the first sets the bests, the second beats them (personal records).
  for (const weightKg of [80, 85]) {
    await answer(
      send(
        "/v1/sessions",
        postJson({
          startedAt: new Date(Date.now() - 3600_000).toISOString(),
          entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg }] }],
        }, bearer(shopper.accessToken)),
      ),
      201,
    );
  }

  // A report, completed by analytics from its own event.
  const report = await answer<{ id: string }>(
    send(
      "/v1/analytics/reports",
      postJson({
        kind: "volume",
        from: new Date(Date.now() - 7 * 86_400_000).toISOString(),
        to: new Date().toISOString(),
      }, bearer(shopper.accessToken)),
    ),
    202,
  );
  await eventually(
    "the report to be ready",
    () =>
      answer<{ status: string }>(
        send(`/v1/analytics/reports/${report.id}`, { headers: bearer(shopper.accessToken) }),
        200,
      ),
    (body) => body.status === "ready",
  );

  // Purchases: the stock down to its threshold, a declined card, a refund.
  const levels = await answer<{ available: number }>(
    send(`/v1/inventory/items/${lowStockSku}`),
    200,
  );
  const bought = await purchase(
    send,
    shopper.accessToken,
    {
      items: [{ sku: lowStockSku, quantity: levels.available - 6 }],
    },
    "pm_card_visa",
    "succeeded",
  );
  await purchase(
    send,
    shopper.accessToken,
    {
      items: [{ sku: lowStockSku, quantity: 1 }],
    },
    "pm_card_chargeDeclined",
    "failed",
  );
  await answer(
    send(`/v1/admin/payments/${bought}/refund`, { method: "POST", headers: bearer(adminToken) }),
    202,
  );
  await settle(send, shopper.accessToken, bought, "refunded");

  await options.poison();
  await eventually(
    "the poison message among the dead letters",
    () =>
      answer<{ items: unknown[] }>(
        send("/v1/admin/dead-letters", { headers: bearer(adminToken) }),
        200,
      ),
    (body) => body.items.length > 0,
  );
  return { shopperToken: shopper.accessToken };
}

/**
 * `send` as a well-behaved client: a 503 (a store briefly away on a loaded
 * machine, which changed nothing) is sent again after its Retry-After, a few
 * times. Bodies are strings here, so a request can be sent twice.
 */
export function retryingUnavailable(send: Send): Send {
  return async (path, init) => {
    for (let attempt = 1;; attempt++) {
      const response = await send(path, init);
      if (response.status !== 503 || attempt === 5) return response;
      await response.body?.cancel();
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 2) * 1000));
    }
  };
}

/** Checks out `body` and confirms it with `card`; resolves with the payment's id once settled. */
export async function purchase(
  send: Send,
  token: string,
  body: unknown,
  card: string,
  status: "succeeded" | "failed",
): Promise<string> {
  const created = await answer<{ id: string }>(
    send(
      "/v1/payments",
      postJson(body, bearer(token, { "idempotency-key": crypto.randomUUID() })),
    ),
    201,
  );
  const confirmed = await send(
    `/v1/payments/${created.id}/confirm`,
    postJson({ paymentMethod: card }, bearer(token)),
  );
  await confirmed.body?.cancel();
  await settle(send, token, created.id, status);
  return created.id;
}

async function settle(send: Send, token: string, id: string, status: string): Promise<void> {
  await eventually(
    `payment ${id} to be ${status}`,
    () => answer<{ status: string }>(send(`/v1/payments/${id}`, { headers: bearer(token) }), 200),
    (body) => body.status === status,
  );
}

/** The value of the sample `name{labels}` (labels in any order, others allowed); NaN when absent. */
export function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = Number.NaN;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const given = new Map(
      [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => given.get(key) === value)) {
      total = (Number.isNaN(total) ? 0 : total) + Number(match[3]);
    }
  }
  return total;
}

/** Publishes a SessionLogged that breaks its contract to analytics, with no retry. */
export function poisonFor(platform: { events: { queue: MessageQueue } }) {
  return () =>
    platform.events.queue.publish({
      id: crypto.randomUUID(),
      type: "SessionLogged",
      occurredAt: new Date().toISOString(),
      payload: { sessionId: 42 },
    }, { consumer: "analytics", retries: 0 });
}
