/**
 * The @upstash/redis client as the platform configures it: failing fast, so
 * that the guard around the store (./resilient.ts) decides about outages.
 *
 * @module
 */
import { Redis } from "@upstash/redis";

/** Where the Upstash REST API (or tools/upstash_bridge.ts) is. */
export interface UpstashClientOptions {
  url: string;
  token: string;
}

/**
 * A request still unanswered after this long is aborted. Callers stopped
 * waiting long before (the guard's deadline); this only releases the socket.
 */
const abortAfterMs = 5_000;

/** A client that retries once, at once, and aborts forgotten requests. */
export function createUpstashClient(options: UpstashClientOptions): Redis {
  return new Redis({
    url: options.url,
    token: options.token,
    enableTelemetry: false,
    // By default a failed fetch is retried 5 times with exponential backoff (about
    // 4 s in all, per call), which made every request wait out an outage. One quick
    // retry still heals a pooled connection that the server closed. (`retry: false`
    // would mean one retry too, without the pause.)
    retry: { retries: 1, backoff: () => 10 },
    signal: () => AbortSignal.timeout(abortAfterMs),
  });
}
