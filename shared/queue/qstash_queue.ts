/**
 * The production queue: QStash delivers each message to its consumer's public
 * URL (`consumerUrls[consumer] + deliveryPath`), signed with the account's
 * signing keys; consumers verify with `createDeliveryVerifier` and the
 * `QSTASH_CURRENT_SIGNING_KEY`/`QSTASH_NEXT_SIGNING_KEY` pair. Dead letters
 * are QStash's DLQ.
 *
 * @module
 */
import { Client } from "@upstash/qstash";
import {
  checkPublishOptions,
  type DeadLetter,
  type DeadLetters,
  defaultRetries,
  deliveryPath,
  isEventMessage,
  type MessageQueue,
  refusalReason,
} from "./port.ts";

/** What `createQStashQueue` needs. */
export interface QStashQueueOptions {
  /** `QSTASH_TOKEN`. */
  token: string;
  /** QStash's API (default https://qstash.upstash.io). */
  baseUrl?: string;
  /** Each consumer worker's public base URL, by name. */
  consumerUrls: Record<string, string>;
  /** Delivery attempts after the first when `publish` does not say (default 5). */
  retries?: number;
}

/** The QStash queue and its dead letters (QStash's DLQ). */
export type QStashQueue = MessageQueue & { deadLetters: DeadLetters };

const defaultBaseUrl = "https://qstash.upstash.io";

/** A queue that publishes through QStash. */
export function createQStashQueue(options: QStashQueueOptions): QStashQueue {
  if (!options.token) throw new Error("Cannot create the QStash queue: token is empty");
  // devMode: false, so QSTASH_DEV in the environment can never redirect production traffic.
  const client = new Client({
    token: options.token,
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    devMode: false,
    enableTelemetry: false,
  });
  const destinations = new Map<string, string>();
  for (const [consumer, base] of Object.entries(options.consumerUrls)) {
    destinations.set(consumer, base.replace(/\/+$/, "") + deliveryPath);
  }

  /** The consumer a delivery URL belongs to. */
  function consumerOf(url: string): string | undefined {
    for (const [consumer, destination] of destinations) if (destination === url) return consumer;
    return undefined;
  }

  const deadLetters: DeadLetters = {
    async list(listOptions = {}) {
      const { messages } = await client.dlq.listMessages({ count: listOptions.limit });
      const letters: DeadLetter[] = [];
      for (const dead of messages) {
        const consumer = consumerOf(dead.url);
        const message = parseBody(dead.body);
        if (consumer === undefined || message === undefined) continue;
        letters.push({
          id: dead.dlqId,
          consumer,
          message,
          failedAt: new Date(dead.createdAt).toISOString(),
          ...(dead.responseStatus
            ? { reason: reasonOf(dead.responseStatus, dead.responseBody) }
            : {}),
        });
      }
      return letters.slice(0, listOptions.limit);
    },

    async replay(id) {
      const { messages } = await client.dlq.listMessages({ dlqIds: [id] });
      const dead = messages.find((m) => m.dlqId === id);
      if (!dead || dead.body === undefined) return false;
      await client.publish({
        url: dead.url,
        body: dead.body,
        headers: { "Content-Type": "application/json" },
        retries: dead.maxRetries ?? options.retries ?? defaultRetries,
      });
      await client.dlq.delete(id);
      return true;
    },
  };

  return {
    kind: "qstash",
    deadLetters,

    async publish(message, publishOptions) {
      checkPublishOptions(publishOptions);
      const url = destinations.get(publishOptions.consumer);
      if (url === undefined) {
        throw new Error(`Cannot publish: unknown consumer ${publishOptions.consumer}`);
      }
      await client.publishJSON({
        url,
        body: message,
        retries: publishOptions.retries ?? options.retries ?? defaultRetries,
        ...(publishOptions.deduplicationId !== undefined
          ? { deduplicationId: publishOptions.deduplicationId }
          : {}),
        ...(publishOptions.delayMs ? { delay: Math.ceil(publishOptions.delayMs / 1000) } : {}),
      });
    },

    close() {
      return Promise.resolve();
    },
  };
}

/** The dead letter's reason: the status, and the consumer's own reason when it gave one. */
function reasonOf(status: number, body: string | undefined): string {
  const refusal = refusalReason(body);
  return refusal === undefined ? `HTTP ${status}` : `HTTP ${status}: ${refusal}`;
}

function parseBody(body: string | undefined) {
  if (body === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return isEventMessage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
