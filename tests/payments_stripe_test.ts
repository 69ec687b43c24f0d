/**
 * The Stripe adapter by contract: the `stripe` SDK pointed at a local HTTP
 * server that records each request and answers as Stripe's API does. What
 * goes over the wire — method, path, form parameters, `Idempotency-Key` —
 * is what Stripe documents; what comes back is mapped to the port.
 */
import assert from "node:assert/strict";
import { createStripeProvider, ProviderError } from "../workers/payments/testing.ts";

interface Recorded {
  method: string;
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | null;
  authorization: string | null;
}

type Reply = { status: number; body: unknown };

/** A fake Stripe API on 127.0.0.1 answering from `replies` (by "METHOD path"), recording every request. */
function fakeStripe(replies: Record<string, Reply[]>) {
  const requests: Recorded[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    requests.push({
      method: request.method,
      path: url.pathname,
      form: new URLSearchParams(await request.text()),
      idempotencyKey: request.headers.get("idempotency-key"),
      authorization: request.headers.get("authorization"),
    });
    const queue = replies[`${request.method} ${url.pathname}`] ?? [];
    const reply = queue.length > 1 ? queue.shift()! : queue[0];
    if (!reply) return Response.json({ error: { type: "invalid_request_error" } }, { status: 404 });
    return Response.json(reply.body, {
      status: reply.status,
      headers: { "request-id": `req_${requests.length}` },
    });
  });
  const provider = createStripeProvider({
    secretKey: "sk_test_contract",
    host: "127.0.0.1",
    port: server.addr.port,
    protocol: "http",
    maxNetworkRetries: 1,
  });
  return { requests, provider, close: () => server.shutdown() };
}

const intent = (status: string, extra: Record<string, unknown> = {}) => ({
  id: "pi_3Contract",
  object: "payment_intent",
  amount: 5400,
  currency: "eur",
  status,
  client_secret: "pi_3Contract_secret_abc",
  metadata: { paymentId: "pay_1" },
  ...extra,
});

Deno.test("[payments] the Stripe adapter speaks Stripe's API", async (t) => {
  await t.step(
    "createIntent: POST /v1/payment_intents with amount, currency, metadata and the Idempotency-Key",
    async () => {
      const stripe = fakeStripe({
        "POST /v1/payment_intents": [{ status: 200, body: intent("requires_payment_method") }],
      });
      try {
        const created = await stripe.provider.createIntent({
          amountCents: 5400,
          currency: "EUR",
          metadata: { paymentId: "pay_1", reservationId: "pay_1" },
          idempotencyKey: "payment:pay_1",
        });
        assert.deepEqual(created, {
          id: "pi_3Contract",
          clientSecret: "pi_3Contract_secret_abc",
          status: "requires_payment_method",
        });
        assert.equal(stripe.requests.length, 1);
        const [sent] = stripe.requests;
        assert.equal(sent.method, "POST");
        assert.equal(sent.path, "/v1/payment_intents");
        assert.equal(sent.authorization, "Bearer sk_test_contract");
        assert.equal(sent.idempotencyKey, "payment:pay_1");
        assert.equal(sent.form.get("amount"), "5400");
        assert.equal(sent.form.get("currency"), "eur");
        assert.equal(sent.form.get("metadata[paymentId]"), "pay_1");
        assert.equal(sent.form.get("metadata[reservationId]"), "pay_1");
        assert.equal(sent.form.get("payment_method_types[0]"), "card");
      } finally {
        await stripe.close();
      }
    },
  );

  await t.step(
    "a 5xx is retried once with the same Idempotency-Key, then 'unavailable'",
    async () => {
      const failure = { status: 500, body: { error: { type: "api_error", message: "boom" } } };
      const stripe = fakeStripe({ "POST /v1/payment_intents": [failure] });
      try {
        const error = await stripe.provider.createIntent({
          amountCents: 100,
          currency: "EUR",
          metadata: {},
          idempotencyKey: "payment:pay_2",
        }).catch((thrown) => thrown);
        assert.ok(error instanceof ProviderError);
        assert.equal(error.kind, "unavailable");
        assert.equal(stripe.requests.length, 2);
        assert.deepEqual(stripe.requests.map((r) => r.idempotencyKey), [
          "payment:pay_2",
          "payment:pay_2",
        ]);
      } finally {
        await stripe.close();
      }
    },
  );

  await t.step("an unreachable API is 'unavailable'", async () => {
    const stripe = fakeStripe({});
    await stripe.close();
    const error = await stripe.provider.createIntent({
      amountCents: 100,
      currency: "EUR",
      metadata: {},
      idempotencyKey: "payment:pay_3",
    }).catch((thrown) => thrown);
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, "unavailable");
  });

  await t.step(
    "confirmIntent: POST /v1/payment_intents/:id/confirm with payment_method",
    async () => {
      const stripe = fakeStripe({
        "POST /v1/payment_intents/pi_3Contract/confirm": [
          { status: 200, body: intent("succeeded", { payment_method: "pm_card_visa" }) },
          {
            status: 402,
            body: {
              error: {
                type: "card_error",
                code: "card_declined",
                decline_code: "insufficient_funds",
                message: "Your card has insufficient funds.",
                payment_intent: intent("requires_payment_method"),
              },
            },
          },
          {
            status: 400,
            body: {
              error: {
                type: "invalid_request_error",
                code: "resource_missing",
                param: "payment_method",
                message: "No such PaymentMethod: 'pm_nope'",
              },
            },
          },
          { status: 200, body: intent("processing") },
        ],
      });
      try {
        assert.deepEqual(
          await stripe.provider.confirmIntent("pi_3Contract", "pm_card_visa"),
          { status: "succeeded" },
        );
        const [sent] = stripe.requests;
        assert.equal(sent.method, "POST");
        assert.equal(sent.path, "/v1/payment_intents/pi_3Contract/confirm");
        assert.equal(sent.form.get("payment_method"), "pm_card_visa");
        // A decline is an answer, not an error.
        assert.deepEqual(
          await stripe.provider.confirmIntent(
            "pi_3Contract",
            "pm_card_chargeDeclinedInsufficientFunds",
          ),
          { status: "failed", reason: "insufficient_funds" },
        );
        const missing = await stripe.provider.confirmIntent("pi_3Contract", "pm_nope")
          .catch((thrown) => thrown);
        assert.ok(missing instanceof ProviderError);
        assert.equal(missing.kind, "unknown_payment_method");
        assert.deepEqual(
          await stripe.provider.confirmIntent("pi_3Contract", "pm_sepa"),
          { status: "processing" },
        );
        assert.equal(stripe.requests.length, 4);
      } finally {
        await stripe.close();
      }
    },
  );

  await t.step("refund: POST /v1/refunds with payment_intent and the Idempotency-Key", async () => {
    const stripe = fakeStripe({
      "POST /v1/refunds": [{
        status: 200,
        body: { id: "re_1", object: "refund", status: "succeeded", payment_intent: "pi_3Contract" },
      }],
    });
    try {
      assert.deepEqual(
        await stripe.provider.refund("pi_3Contract", {
          idempotencyKey: "refund:pay_1",
          reason: "requested_by_admin",
        }),
        { id: "re_1", status: "succeeded" },
      );
      const [sent] = stripe.requests;
      assert.equal(sent.method, "POST");
      assert.equal(sent.path, "/v1/refunds");
      assert.equal(sent.idempotencyKey, "refund:pay_1");
      assert.equal(sent.form.get("payment_intent"), "pi_3Contract");
      assert.equal(sent.form.get("metadata[reason]"), "requested_by_admin");
    } finally {
      await stripe.close();
    }
  });
});
