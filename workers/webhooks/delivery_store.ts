/**
 * Deliveries and their attempts through drizzle: the fan-out of an event to
 * the subscriptions that want it, the outcome of each attempt (with the
 * subscription's failure count, and its disabling), and the delivery log.
 *
 * @module
 */
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { recordEvent } from "../../shared/events/outbox.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import { WebhookAttemptDue, WebhookDisabled } from "./contracts.ts";
import type { WebhookEnvelope, WebhookEventType } from "./public_events.ts";
import type { AttemptResult } from "./sender.ts";
import type { ListPosition, SubscriptionRow } from "./subscription_store.ts";
import { attempts, deliveries, outbox, subscriptions } from "./tables.ts";

export type DeliveryRow = typeof deliveries.$inferSelect;
export type AttemptRow = typeof attempts.$inferSelect;

/** Who hears an event: one member's subscriptions, or (gym-wide events) admins' ones. */
export type Audience = { userId: string } | { admins: true };

/** The enabled subscriptions of `audience` that want any of `types`. */
function subscribed(audience: Audience, types: readonly WebhookEventType[]) {
  return and(
    eq(subscriptions.enabled, true),
    or(...types.map((type) => sql`${subscriptions.events} @> ${JSON.stringify([type])}::jsonb`)),
    "userId" in audience
      ? eq(subscriptions.userId, audience.userId)
      : eq(subscriptions.ownerRole, "admin"),
  );
}

/**
 * Whether any enabled subscription of `audience` wants one of `types`: one
 * indexed read, asked before the consumer opens a transaction, so the
 * events of a member without webhooks (most members) cost nothing more.
 */
export async function isWanted(
  db: Database,
  audience: Audience,
  types: readonly WebhookEventType[],
): Promise<boolean> {
  const rows = await db.select({ id: subscriptions.id }).from(subscriptions)
    .where(subscribed(audience, types)).limit(1);
  return rows.length > 0;
}

/**
 * Creates one delivery per enabled subscription of `audience` that wants
 * `envelope.type`, each with its first attempt due now (through the outbox).
 */
export async function fanOut(
  tx: Database,
  audience: Audience,
  envelope: WebhookEnvelope,
): Promise<number> {
  const wanted = await tx.select({ id: subscriptions.id }).from(subscriptions)
    .where(subscribed(audience, [envelope.type]));
  for (const { id: subscriptionId } of wanted) {
    const id = `msg_${crypto.randomUUID().replaceAll("-", "")}`;
    await tx.insert(deliveries).values({
      id,
      subscriptionId,
      eventType: envelope.type,
      body: JSON.stringify(envelope),
    });
    await recordEvent(tx, outbox, WebhookAttemptDue, { deliveryId: id, attempt: 1, replay: false });
  }
  return wanted.length;
}

/** A delivery with its subscription, for an attempt. */
export async function deliveryForAttempt(
  db: Database,
  deliveryId: string,
): Promise<{ delivery: DeliveryRow; subscription: SubscriptionRow } | undefined> {
  const [row] = await db.select({ delivery: deliveries, subscription: subscriptions })
    .from(deliveries)
    .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
    .where(eq(deliveries.id, deliveryId));
  return row;
}

/** What an attempt changed. */
export interface RecordedAttempt {
  /** The subscription was disabled by this attempt (its owner is told). */
  disabled: boolean;
}

/**
 * Records attempt `attempt` of `delivery` and where the delivery stands
 * after it: succeeded; pending with the next attempt at `nextAttemptAt`; or
 * failed for good, which counts against the subscription (disabled after
 * `disableAfter` such deliveries in a row). Nothing is written when another
 * run already recorded this attempt.
 */
export async function recordAttempt(
  db: Database,
  outcome: {
    delivery: DeliveryRow;
    attempt: number;
    result: AttemptResult;
    at: Date;
    nextAttemptAt?: Date;
    /** A replay fails alone: it does not count against the subscription. */
    replay: boolean;
    disableAfter: number;
  },
): Promise<RecordedAttempt> {
  const { delivery, attempt, result, at, nextAttemptAt } = outcome;
  const succeeded = result.outcome === "succeeded";
  const status = succeeded ? "succeeded" : nextAttemptAt ? "pending" : "failed";
  return await db.transaction(async (tx) => {
    const inserted = await tx.insert(attempts).values({
      deliveryId: delivery.id,
      attempt,
      outcome: result.outcome,
      responseStatus: result.responseStatus,
      responseExcerpt: result.responseExcerpt,
      latencyMs: result.latencyMs,
      attemptedAt: at,
    }).onConflictDoNothing().returning({ attempt: attempts.attempt });
    if (inserted.length === 0) return { disabled: false };
    await tx.update(deliveries)
      .set({ status, attempts: attempt, nextAttemptAt: nextAttemptAt ?? null })
      .where(eq(deliveries.id, delivery.id));
    if (succeeded) {
      await tx.update(subscriptions).set({ consecutiveFailures: 0 })
        .where(eq(subscriptions.id, delivery.subscriptionId));
      return { disabled: false };
    }
    if (status !== "failed" || outcome.replay) return { disabled: false };
    const [counted] = await tx.update(subscriptions)
      .set({ consecutiveFailures: sql`${subscriptions.consecutiveFailures} + 1` })
      .where(eq(subscriptions.id, delivery.subscriptionId))
      .returning();
    if (!counted?.enabled || counted.consecutiveFailures < outcome.disableAfter) {
      return { disabled: false };
    }
    await tx.update(subscriptions)
      .set({ enabled: false, disabledReason: "failing_deliveries", updatedAt: at })
      .where(eq(subscriptions.id, counted.id));
    await recordEvent(tx, outbox, WebhookDisabled, {
      subscriptionId: counted.id,
      userId: counted.userId,
      url: counted.url,
      failedDeliveries: counted.consecutiveFailures,
      disabledAt: at.toISOString(),
    }, at);
    return { disabled: true };
  });
}

/** A delivery and its attempts, for the log. */
export type LoggedDelivery = DeliveryRow & { log: AttemptRow[] };

/** `subscriptionId`'s deliveries newest first, each with its attempts in order. */
export async function listDeliveries(
  db: Database,
  subscriptionId: string,
  page: { limit: number; after?: ListPosition },
): Promise<KeysetPage<LoggedDelivery, ListPosition>> {
  const { after } = page;
  const query = (take: number) =>
    db.select({ row: deliveries, at: cursorTimeOf(deliveries.createdAt) })
      .from(deliveries)
      .where(and(
        eq(deliveries.subscriptionId, subscriptionId),
        after &&
          sql`(${deliveries.createdAt}, ${deliveries.id}) < (${after.at}::timestamptz, ${after.id})`,
      ))
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(take);
  const found = await keysetPage(query, page.limit, {
    item: (row) => row,
    position: (last) => ({ at: last.at, id: last.row.id }),
  });
  const ids = found.items.map(({ row }) => row.id);
  const logged = ids.length === 0
    ? []
    : await db.select().from(attempts).where(inArray(attempts.deliveryId, ids))
      .orderBy(attempts.deliveryId, attempts.attempt);
  return {
    items: found.items.map(({ row }) => ({
      ...row,
      log: logged.filter((attempt) => attempt.deliveryId === row.id),
    })),
    next: found.next,
  };
}

/**
 * Queues one more attempt of `subscriptionId`'s delivery `deliveryId` now
 * (a replay); undefined when there is no such delivery.
 */
export async function replayDelivery(
  db: Database,
  subscriptionId: string,
  deliveryId: string,
): Promise<DeliveryRow | undefined> {
  return await db.transaction(async (tx) => {
    const [delivery] = await tx.select().from(deliveries)
      .where(and(eq(deliveries.id, deliveryId), eq(deliveries.subscriptionId, subscriptionId)))
      .for("update");
    if (!delivery) return undefined;
    const [pending] = await tx.update(deliveries)
      .set({ status: "pending", nextAttemptAt: null })
      .where(eq(deliveries.id, deliveryId))
      .returning();
    await recordEvent(tx, outbox, WebhookAttemptDue, {
      deliveryId,
      attempt: delivery.attempts + 1,
      replay: true,
    });
    return pending;
  });
}

/** Erases a member's subscriptions (their deliveries and attempts go with them). */
export async function eraseOwner(tx: Database, userId: string): Promise<void> {
  await tx.delete(subscriptions).where(eq(subscriptions.userId, userId));
}
