/**
 * The `PushSender` port over Expo's push API (HTTP/2 JSON, no SDK needed):
 *
 * - `POST {base}/--/api/v2/push/send` with a JSON array of at most 100
 *   messages per request; Expo answers one ticket per message, in order.
 * - `POST {base}/--/api/v2/push/getReceipts` with `{ ids }` (at most 1000
 *   per request); Expo answers the receipts it has by ticket id.
 *
 * Headers: `content-type` and `accept: application/json`,
 * `accept-encoding: gzip, deflate`, and `authorization: Bearer <token>`
 * only when an Expo access token is configured (enhanced push security).
 * Every request is bounded in time; a failure, a non-2xx answer or one that
 * is not Expo's shape rejects, so the delivery is retried by the queue.
 *
 * @module
 */
import * as v from "valibot";
import type { Logger } from "../../shared/logging/logger.ts";
import type { PushMessage, PushReceipt, PushSender, PushTicket } from "./push.ts";

/** Messages per `push/send` request: Expo's limit. */
export const maxMessagesPerRequest = 100;
/** Ticket ids per `push/getReceipts` request: Expo's limit. */
export const maxReceiptIdsPerRequest = 1000;

/** Options of `createExpoPush`. */
export interface ExpoPushOptions {
  /** `https://exp.host`, or a stand-in (tests). */
  baseUrl: string;
  /** `EXPO_ACCESS_TOKEN`, when the project requires one. */
  accessToken?: string;
  log: Logger;
  /** The longest one request may take (default 10 s). */
  timeoutMs?: number;
}

const error = v.object({
  status: v.literal("error"),
  message: v.string(),
  details: v.optional(v.object({ error: v.optional(v.string()) })),
});
const ticketsAnswer = v.object({
  data: v.array(v.union([v.object({ status: v.literal("ok"), id: v.string() }), error])),
});
const receiptsAnswer = v.object({
  data: v.record(v.string(), v.union([v.object({ status: v.literal("ok") }), error])),
});

/** `items` in runs of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    runs.push(items.slice(start, start + size));
  }
  return runs;
}

/** A `PushSender` that talks to Expo's push API at `options.baseUrl`. */
export function createExpoPush(options: ExpoPushOptions): PushSender {
  const base = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 10_000;
  const log = options.log.with({ component: "expo-push" });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    "accept-encoding": "gzip, deflate",
    ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
  };

  async function post<S extends v.GenericSchema>(
    path: string,
    body: unknown,
    answer: S,
  ): Promise<v.InferOutput<S>> {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      // Expo's errors name a code and say why; never a token or a message's text.
      log.warn("Expo refused a push request", { path, status: response.status });
      throw new Error(`Expo push ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    }
    const parsed = v.safeParse(answer, JSON.parse(text));
    if (!parsed.success) throw new Error(`Expo push ${path} answered an unexpected body`);
    return parsed.output;
  }

  return {
    async send(messages: readonly PushMessage[]): Promise<PushTicket[]> {
      const tickets: PushTicket[] = [];
      for (const batch of chunks(messages, maxMessagesPerRequest)) {
        const { data } = await post("/--/api/v2/push/send", batch, ticketsAnswer);
        if (data.length !== batch.length) {
          throw new Error(`Expo push answered ${data.length} tickets for ${batch.length} messages`);
        }
        tickets.push(...data);
      }
      return tickets;
    },

    async receipts(ticketIds: readonly string[]): Promise<Record<string, PushReceipt>> {
      const receipts: Record<string, PushReceipt> = {};
      for (const ids of chunks(ticketIds, maxReceiptIdsPerRequest)) {
        const { data } = await post("/--/api/v2/push/getReceipts", { ids }, receiptsAnswer);
        Object.assign(receipts, data);
      }
      return receipts;
    },
  };
}
