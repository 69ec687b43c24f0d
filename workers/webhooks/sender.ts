/**
 * One attempt of a delivery: the URL checked again and its addresses pinned
 * (DNS rebinding), the body signed as Standard Webhooks say, a POST with a
 * deadline, redirects not followed, and only a short excerpt of the answer
 * kept.
 *
 * Pinning: over http the request goes to the checked address itself, with
 * the URL's host in `Host`. Over https it goes to the host name (the
 * certificate must match it), right after the check; an attacker who
 * rebinds the name in between reaches only a server holding a valid
 * certificate for that name.
 *
 * @module
 */
import { signatureHeader } from "./secrets.ts";
import type { UrlGuard } from "./url_guard.ts";

/** What one attempt sends. */
export interface OutgoingWebhook {
  url: string;
  /** The `webhook-id` (`msg_…`), the same on every attempt of a delivery. */
  id: string;
  body: string;
  /** Every secret in force; each gives one signature. */
  secrets: readonly string[];
  timestamp: Date;
}

/** How an attempt went. */
export interface AttemptResult {
  outcome: "succeeded" | "failed" | "refused";
  /** The receiver's status; null when it gave none (timeout, network, refused address). */
  responseStatus: number | null;
  /** The first bytes of its answer, or why there was none. */
  responseExcerpt: string | null;
  latencyMs: number;
}

/** What the sender needs. */
export interface SenderOptions {
  guard: UrlGuard;
  timeoutMs: number;
}

/** Bytes of a receiver's answer that are kept. */
export const excerptBytes = 512;

/** Sends attempts. */
export type WebhookSender = (webhook: OutgoingWebhook) => Promise<AttemptResult>;

/** The sender under `options`. */
export function createWebhookSender(options: SenderOptions): WebhookSender {
  // Setting `Host` is what pins an http delivery to the checked address.
  const client = Deno.createHttpClient({ allowHost: true });
  return async (webhook) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const checked = await options.guard(webhook.url);
    if (!checked.ok) {
      return {
        outcome: "refused",
        responseStatus: null,
        responseExcerpt: `The URL ${checked.reason}.`,
        latencyMs: elapsed(),
      };
    }
    const target = new URL(checked.url);
    const headers = new Headers({
      "content-type": "application/json",
      "user-agent": "FitConnect-Webhooks/1",
      "webhook-id": webhook.id,
      "webhook-timestamp": String(Math.floor(webhook.timestamp.getTime() / 1000)),
      "webhook-signature": signatureHeader(webhook.secrets, webhook),
    });
    if (target.protocol === "http:") {
      const address = checked.addresses[0];
      headers.set("host", target.host);
      target.hostname = address.includes(":") ? `[${address}]` : address;
    }
    try {
      const response = await fetch(target, {
        method: "POST",
        headers,
        body: webhook.body,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs),
        client,
      });
      const excerpt = await readExcerpt(response);
      return {
        outcome: response.status >= 200 && response.status < 300 ? "succeeded" : "failed",
        responseStatus: response.status,
        responseExcerpt: excerpt,
        latencyMs: elapsed(),
      };
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      return {
        outcome: "failed",
        responseStatus: null,
        responseExcerpt: timedOut
          ? `No answer within ${options.timeoutMs} ms.`
          : "The connection failed.",
        latencyMs: elapsed(),
      };
    }
  };
}

/** The first `excerptBytes` of `response`'s body as text; the rest is never read. */
async function readExcerpt(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < excerptBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(bytes.subarray(0, excerptBytes));
}
