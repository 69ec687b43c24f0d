/**
 * Delivery of the offline provider's webhook events, as Stripe delivers
 * them: each event is signed with the SDK's helper and the endpoint secret at
 * the moment it is sent, POSTed to `/webhooks/stripe`, and retried with
 * growing delays until the endpoint answers 2xx.
 *
 * Deliveries run off the request that caused them (a timer), one batch at a
 * time. Pending events stay in `offline_events`, so `deliverDue()` after a
 * restart (or from a sweeper) sends what a stopped process left behind.
 *
 * @module
 */
import { describeError } from "../../../shared/logging/describe_error.ts";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { ServiceBinding } from "../../../shared/bindings/service_binding.ts";
import type { Logger } from "../../../shared/logging/logger.ts";
import type { Database } from "../../../shared/stores/postgres/port.ts";
import { offlineEvents } from "../tables.ts";
import { signWebhook } from "./webhook_signature.ts";

/** Stripe retries for days; locally a few quick tries, then once an hour. */
export const defaultRetryDelaysMs = [500, 2_000, 10_000, 60_000, 300_000, 3_600_000];

/** What the dispatcher needs. */
export interface WebhookDispatcherOptions {
  db: Database;
  /** The payments worker itself: events go to its `/webhooks/stripe`, like Stripe's. */
  endpoint: ServiceBinding;
  secret: string;
  /** The clock signatures are dated with (the receiver checks them against the same clock). */
  now: () => Date;
  log: Logger;
  /** The delay before the n-th retry (the last one repeats). */
  retryDelaysMs?: readonly number[];
}

/** Sends pending webhook events. */
export interface WebhookDispatcher {
  /** Schedules a delivery run now (after an event was stored). */
  kick(): void;
  /** Sends every event that is due; returns how many the endpoint accepted. */
  deliverDue(): Promise<number>;
  /** Stops the timers (events stay stored for the next start). */
  stop(): void;
}

const batchSize = 20;

/** The dispatcher of `offline_events` to `endpoint`. */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { db, endpoint, secret, now, log } = options;
  const delays = options.retryDelaysMs ?? defaultRetryDelaysMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  async function send(event: typeof offlineEvents.$inferSelect): Promise<boolean> {
    const attempt = event.attempts + 1;
    let error: string | null = null;
    try {
      const response = await endpoint.fetch(
        new Request("http://payments.internal/webhooks/stripe", {
          method: "POST",
          headers: {
            "content-type": "application/json; charset=utf-8",
            "stripe-signature": await signWebhook(event.body, secret, now()),
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          body: event.body,
        }),
      );
      await response.body?.cancel();
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (thrown) {
      error = String(thrown);
    }
    const delay = delays[Math.min(event.attempts, delays.length - 1)];
    await db.update(offlineEvents).set(
      error
        ? { attempts: attempt, lastError: error, nextAttemptAt: new Date(Date.now() + delay) }
        : { attempts: attempt, deliveredAt: new Date(), lastError: null },
    ).where(eq(offlineEvents.id, event.id));
    if (error) {
      log.warn("webhook delivery failed; retrying", {
        eventId: event.id,
        type: event.type,
        attempt,
        retryInMs: delay,
        error,
      });
    }
    return error === null;
  }

  async function runOnce(): Promise<number> {
    // Due by the wall clock: retry timers are real time whatever the service's clock says.
    const due = await db.select().from(offlineEvents)
      .where(and(isNull(offlineEvents.deliveredAt), lte(offlineEvents.nextAttemptAt, new Date())))
      .orderBy(asc(offlineEvents.nextAttemptAt), asc(offlineEvents.createdAt))
      .limit(batchSize);
    let accepted = 0;
    // In order: an event about an intent goes before a later one about it.
    for (const event of due) if (await send(event)) accepted++;
    if (due.length === batchSize) again = true;
    return accepted;
  }

  /** Arms the timer for the earliest pending event. */
  async function scheduleNext(): Promise<void> {
    const [next] = await db.select({ at: offlineEvents.nextAttemptAt }).from(offlineEvents)
      .where(isNull(offlineEvents.deliveredAt))
      .orderBy(asc(offlineEvents.nextAttemptAt)).limit(1);
    if (next) arm(Math.max(0, next.at.getTime() - Date.now()));
  }

  function arm(delayMs: number): void {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    const armed = setTimeout(() => {
      timer = undefined;
      void deliverDue().catch((error) =>
        log.error("webhook delivery run failed", { error: describeError(error) })
      );
    }, delayMs);
    // A pending retry must not keep a finished process (or test) alive.
    Deno.unrefTimer(Number(armed));
    timer = armed;
  }

  async function deliverDue(): Promise<number> {
    if (running) {
      again = true;
      return await running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await runOnce();
        } while (again && !stopped);
        if (!stopped) await scheduleNext();
      } finally {
        running = undefined;
      }
      return total;
    })();
    return await running;
  }

  return {
    kick: () => arm(0),
    deliverDue,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
