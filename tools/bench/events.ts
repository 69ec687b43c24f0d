/**
 * The event backbone's figures for `deno task bench`:
 *
 * - welcome latency: from the 201 of `POST /v1/auth/register` (the account
 *   and its event are committed) to the welcome notification being readable at `GET /v1/notifications`, over many
 *   registrations against the running embedded platform (outbox → relay →
 *   Deno KV queue → signed delivery → consumer → inbox);
 * - queue throughput: messages a second through the Deno KV queue alone, each
 *   signed and verified as QStash's are, to a consumer that only counts them.
 *
 * @module
 */
import { Hono } from "hono";
import { inProcessBinding } from "../../shared/bindings/service_binding.ts";
import { createDenoKvQueue, embeddedDeliveryUrl } from "../../shared/queue/deno_kv_queue.ts";
import { deliveryPath } from "../../shared/queue/port.ts";
import { createDeliveryVerifier, verifiedDeliveries } from "../../shared/queue/signature.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import type { CheckoutThroughput } from "./checkout.ts";

/** Registration → readable welcome, in ms. */
export interface WelcomeLatency {
  registrations: number;
  concurrency: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** Messages through the embedded queue, and through bare Deno KV in the same run. */
export interface QueueThroughput {
  messages: number;
  seconds: number;
  messagesPerSec: number;
  /** `enqueue` → `listenQueue` with nothing else, on the same disk: the floor of any Deno KV queue. */
  bareDenoKvPerSec: number;
}

/** What the events part of the report holds. */
export interface EventsReport {
  welcome: WelcomeLatency;
  queue: QueueThroughput;
  /** Checkout + confirm (./checkout.ts); absent when it could not run. */
  checkout?: CheckoutThroughput;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Registers `registrations` members (`concurrency` at a time) and times each welcome. */
export async function measureWelcomeLatency(
  baseUrl: string,
  { registrations = 200, concurrency = 4, timeoutMs = 30_000 } = {},
): Promise<WelcomeLatency> {
  const run = crypto.randomUUID().slice(0, 8);
  const latencies: number[] = [];
  let next = 0;
  async function one(index: number) {
    const registered = await fetch(`${baseUrl}/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `bench-${run}-${index}@example.com`,
        password: "correct horse battery staple",
        displayName: `Bench ${index}`,
      }),
    });
    if (registered.status !== 201) {
      throw new Error(`Cannot register: got ${registered.status} ${await registered.text()}`);
    }
    const { accessToken } = await registered.json();
    const started = performance.now();
    for (;;) {
      const inbox = await fetch(`${baseUrl}/v1/notifications`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const { items } = await inbox.json() as { items: { type: string }[] };
      if (items.some((item) => item.type === "welcome")) break;
      if (performance.now() - started > timeoutMs) {
        throw new Error(`No welcome within ${timeoutMs} ms of registering`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    latencies.push(performance.now() - started);
  }
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < registrations) await one(next++);
  }));
  const sorted = latencies.toSorted((a, b) => a - b);
  return {
    registrations,
    concurrency,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1],
  };
}

/** Bare Deno KV: `messages` enqueued one after another, counted by a listener. */
async function measureBareDenoKv(messages: number, path: string): Promise<number> {
  const kv = await Deno.openKv(path);
  let received = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => done = resolve);
  const listening = kv.listenQueue(() => {
    if (++received === messages) done();
  });
  const started = performance.now();
  for (let index = 0; index < messages; index++) await kv.enqueue({ index });
  await finished;
  const perSec = messages / ((performance.now() - started) / 1000);
  kv.close();
  await listening;
  return perSec;
}

/** Publishes `messages` events to a counting consumer and times their delivery. */
export async function measureQueueThroughput(
  { messages = 1000, dataDir }: { messages?: number; dataDir: string },
): Promise<QueueThroughput> {
  const bareDenoKvPerSec = await measureBareDenoKv(messages, `${dataDir}/bench-bare.sqlite3`);
  const signingKey = randomSecret();
  const internalSecret = randomSecret();
  let delivered = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => done = resolve);
  const verifier = createDeliveryVerifier({
    currentSigningKey: signingKey,
    nextSigningKey: signingKey,
    url: embeddedDeliveryUrl("counter"),
  });
  const consumer = new Hono().post(deliveryPath, verifiedDeliveries(verifier), (c) => {
    if (++delivered === messages) done();
    return c.body(null, 204);
  });
  const queue = createDenoKvQueue({
    kv: await Deno.openKv(`${dataDir}/bench-queue.sqlite3`),
    consumers: { counter: inProcessBinding(consumer, { internalSecret }) },
    signingKey,
  });
  try {
    const started = performance.now();
    for (let index = 0; index < messages; index++) {
      await queue.publish({
        id: `bench-${index}`,
        type: "BenchPinged",
        occurredAt: new Date().toISOString(),
        payload: { index },
      }, { consumer: "counter" });
    }
    await finished;
    const seconds = (performance.now() - started) / 1000;
    return { messages, seconds, messagesPerSec: messages / seconds, bareDenoKvPerSec };
  } finally {
    await queue.close();
  }
}

/** The events section of the Markdown report. */
export function renderEvents(report: EventsReport): string {
  const { welcome, queue } = report;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  return [
    "## Events and payments",
    "",
    "| measure | value |",
    "| --- | --- |",
    `| registration → welcome readable, p50 (${welcome.registrations} registrations, ${welcome.concurrency} at a time) | ${
      ms(welcome.p50Ms)
    } |`,
    `| registration → welcome readable, p95 | ${ms(welcome.p95Ms)} |`,
    `| registration → welcome readable, max | ${ms(welcome.maxMs)} |`,
    `| Deno KV queue throughput (${queue.messages} signed messages, verified by the consumer) | ${
      Math.round(queue.messagesPerSec)
    } msg/s (${(queue.messagesPerSec / queue.bareDenoKvPerSec).toFixed(2)} of bare Deno KV) |`,
    `| bare Deno KV enqueue → listenQueue, same disk, same run | ${
      Math.round(queue.bareDenoKvPerSec)
    } msg/s |`,
    ...(report.checkout
      ? [
        `| checkout + confirm (\`pm_card_visa\`, ${report.checkout.purchases} purchases, ${report.checkout.concurrency} at a time) | ${
          report.checkout.purchasesPerSec.toFixed(1)
        } purchases/s, p50 ${ms(report.checkout.p50Ms)}, p99 ${ms(report.checkout.p99Ms)} |`,
      ]
      : []),
    "",
  ].join("\n");
}
