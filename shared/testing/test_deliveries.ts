/**
 * Deliveries made exactly as the embedded queue makes them — the JSON event
 * as the body, signed like QStash for the consumer's URL, with the
 * `Upstash-*` headers — for testing a consumer on its own.
 *
 * @module
 */
import { embeddedDeliveryUrl } from "../queue/deno_kv_queue.ts";
import { deliveryHeaders } from "../queue/port.ts";
import { signDelivery } from "../queue/signature.ts";

/** An event to deliver; the id and time default to fresh ones. */
export interface TestEvent {
  id?: string;
  type: string;
  payload: unknown;
  occurredAt?: string;
}

/** The request the queue would send `consumer` for `event`. */
export async function signedDelivery(
  consumer: string,
  event: TestEvent,
  options: {
    signingKey: string;
    now?: () => Date;
    /** Sent as is instead of a fresh signature (tests of junk signatures). */
    signature?: string;
    /** The URL the signature names (default the consumer's: another one must be refused). */
    signedUrl?: string;
  },
): Promise<Request> {
  const url = embeddedDeliveryUrl(consumer);
  const body = JSON.stringify({
    id: event.id ?? crypto.randomUUID(),
    type: event.type,
    occurredAt: event.occurredAt ?? (options.now?.() ?? new Date()).toISOString(),
    payload: event.payload,
  });
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [deliveryHeaders.signature]: options.signature ??
        await signDelivery({ signingKey: options.signingKey, url: options.signedUrl ?? url, body }),
      [deliveryHeaders.messageId]: `msg_${crypto.randomUUID()}`,
      [deliveryHeaders.retried]: "0",
    },
    body,
  });
}
