/**
 * Checkout + confirm throughput for `deno task bench`: members buy one
 * product each time (`POST /v1/payments`, then `POST /v1/payments/:id/confirm`
 * with `pm_card_visa`), several at once, spread over members so that none
 * reaches the per-member checkout limits, against the embedded default with
 * its offline Stripe provider. Reports purchases a second and the latency of
 * the pair (p50/p99). The admin tops the product's stock up first, so the
 * run measures payments, not running out.
 *
 * @module
 */

/** What one checkout run measured. */
export interface CheckoutThroughput {
  purchases: number;
  concurrency: number;
  purchasesPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

/** The admin account the bench platform is started with (tools/bench/services.ts). */
export const benchAdmin = {
  email: "bench-admin@example.com",
  password: "bench admin password, long enough",
};

async function json(response: Response, expected: number, what: string) {
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(`Cannot ${what}: got ${response.status}, expected ${expected}: ${text}`);
  }
  return JSON.parse(text);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `purchases` checkouts, `concurrency` at a time. */
export async function measureCheckout(
  baseUrl: string,
  { purchases = 200, concurrency = 8 } = {},
): Promise<CheckoutThroughput> {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(baseUrl + path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const admin = await json(await post("/v1/auth/login", benchAdmin), 200, "log in as admin");
  const { items } = await json(
    await fetch(`${baseUrl}/v1/inventory/items?type=product&limit=1`),
    200,
    "list products",
  );
  const sku: string = items[0].sku;
  await json(
    await post(`/v1/inventory/items/${sku}/adjustments`, {
      delta: purchases * 2,
      reason: "bench restock",
    }, { authorization: `Bearer ${admin.accessToken}` }),
    201,
    "restock",
  );
  // A member may start 20 checkouts per 10 minutes and hold 5 open (workers/payments/limits.ts):
  // purchases are spread over enough buyers, registered before the clock starts.
  const buyers = await Promise.all(
    Array.from({ length: Math.ceil(purchases / 20) }, async () => {
      const buyer = await json(
        await post("/v1/auth/register", {
          email: `bench-buyer-${crypto.randomUUID()}@example.com`,
          password: "correct horse battery staple",
          displayName: "Bench buyer",
        }),
        201,
        "register a buyer",
      );
      return { authorization: `Bearer ${buyer.accessToken}` };
    }),
  );

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < purchases) {
      const auth = buyers[next++ % buyers.length];
      const begun = performance.now();
      const payment = await json(
        await post("/v1/payments", { items: [{ sku, quantity: 1 }] }, {
          ...auth,
          "idempotency-key": crypto.randomUUID(),
        }),
        201,
        "check out",
      );
      const confirmed = await json(
        await post(`/v1/payments/${payment.id}/confirm`, { paymentMethod: "pm_card_visa" }, auth),
        200,
        "confirm",
      );
      if (confirmed.status === "failed") throw new Error("Cannot confirm: the payment failed");
      latencies.push(performance.now() - begun);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.toSorted((a, b) => a - b);
  return {
    purchases,
    concurrency,
    purchasesPerSec: purchases / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}
