/**
 * What suites need to test webhooks (tests/webhooks_test.ts, the split
 * suite): a local receiver that verifies every delivery with the
 * `standardwebhooks` library itself, as any receiver would, under each
 * secret it trusts, and answers what the test tells it to.
 *
 * @module
 */
import { Webhook } from "standardwebhooks";
import type { WebhookEnvelope } from "./public_events.ts";

/** One request the receiver got. */
export interface ReceivedWebhook {
  id: string;
  signature: string;
  /** The trusted secrets it verified under (empty: forged or unknown secret). */
  verifiedWith: string[];
  envelope: WebhookEnvelope;
  /** The status the receiver answered. */
  answered: number;
}

/** A receiver on loopback. */
export interface WebhookReceiver {
  /** Its URL (`http://127.0.0.1:<port>/hooks`). */
  url: string;
  received: ReceivedWebhook[];
  /** Verifies deliveries under `secret` too. */
  trust(secret: string): void;
  /** The status to answer the `n`th request (from 1); 204 unless set. */
  answer(status: (n: number) => number): void;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export function startWebhookReceiver(): WebhookReceiver {
  const secrets: string[] = [];
  const received: ReceivedWebhook[] = [];
  let status = (_n: number) => 204;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const raw = await req.text();
    const headers = Object.fromEntries(req.headers);
    const verifiedWith = secrets.filter((secret) => {
      try {
        new Webhook(secret).verify(raw, headers);
        return true;
      } catch {
        return false;
      }
    });
    const answered = verifiedWith.length === 0 ? 401 : status(received.length + 1);
    received.push({
      id: headers["webhook-id"] ?? "",
      signature: headers["webhook-signature"] ?? "",
      verifiedWith,
      envelope: JSON.parse(raw),
      answered,
    });
    return new Response(answered === 204 ? null : `answered ${answered}`, { status: answered });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hooks`,
    received,
    trust: (secret) => secrets.push(secret),
    answer: (next) => {
      status = next;
    },
    close: () => server.shutdown(),
  };
}
