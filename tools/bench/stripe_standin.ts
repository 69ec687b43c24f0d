/**
 * A stand-in for the part of Stripe's API that checkout uses, on loopback:
 * PaymentIntents are created (the same `Idempotency-Key` gets the same
 * intent back, as at Stripe) and confirmed (every card succeeds). The
 * round-trips bench points the platform's Stripe adapter at it
 * (`STRIPE_API_URL`), so checkout is counted on the production path: at
 * Stripe an intent is an HTTPS call, not a row in the platform's database
 * as the offline provider keeps it.
 *
 * Usage: `deno run -A tools/bench/stripe_standin.ts --port 12111`
 *
 * @module
 */
import { parseArgs } from "node:util";

/** A running stand-in. */
export interface StripeStandin {
  url: string;
  /** Requests answered so far. */
  readonly requests: number;
  shutdown(): Promise<void>;
}

interface Intent {
  id: string;
  object: "payment_intent";
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  metadata: Record<string, string>;
  payment_method: string | null;
}

/** Starts the stand-in on `port` (0: any free port). */
export function startStripeStandin(options: { port: number }): StripeStandin {
  const intents = new Map<string, Intent>();
  const byIdempotencyKey = new Map<string, Intent>();
  let requests = 0;

  const create = (form: URLSearchParams, idempotencyKey: string | null): Intent => {
    const known = idempotencyKey ? byIdempotencyKey.get(idempotencyKey) : undefined;
    if (known) return known;
    const id = `pi_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;
    const metadata: Record<string, string> = {};
    for (const [key, value] of form) {
      const name = /^metadata\[(.+)\]$/.exec(key)?.[1];
      if (name) metadata[name] = value;
    }
    const intent: Intent = {
      id,
      object: "payment_intent",
      amount: Number(form.get("amount")),
      currency: form.get("currency") ?? "eur",
      status: "requires_payment_method",
      client_secret: `${id}_secret_${crypto.randomUUID().slice(0, 8)}`,
      metadata,
      payment_method: null,
    };
    intents.set(id, intent);
    if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, intent);
    return intent;
  };

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port, onListen() {} },
    async (request) => {
      requests++;
      const { pathname } = new URL(request.url);
      const form = new URLSearchParams(await request.text());
      if (request.method === "POST" && pathname === "/v1/payment_intents") {
        return Response.json(create(form, request.headers.get("idempotency-key")));
      }
      const confirm = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(pathname);
      const intent = confirm ? intents.get(confirm[1]) : undefined;
      if (request.method === "POST" && intent) {
        intent.status = "succeeded";
        intent.payment_method = form.get("payment_method");
        return Response.json(intent);
      }
      return Response.json(
        { error: { type: "invalid_request_error", message: `No such route: ${pathname}` } },
        { status: 404 },
      );
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    get requests() {
      return requests;
    },
    shutdown: () => server.shutdown(),
  };
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { port: { type: "string" } } });
  const standin = startStripeStandin({ port: Number(values.port ?? 12111) });
  console.log(`Stripe stand-in at ${standin.url}`);
}
