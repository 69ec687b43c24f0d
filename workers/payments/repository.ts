/**
 * Payments, plans, memberships and handled webhook events through drizzle.
 *
 * Every change of a payment's status is a conditional UPDATE (`where status
 * in (...)`): of two deliveries of one outcome, or an outcome racing the
 * confirm call, exactly one moves the payment, and only that one writes the
 * event and the membership, in the same transaction as the handled event id.
 *
 * @module
 */
import { and, asc, desc, eq, inArray, sql, type SQLWrapper } from "drizzle-orm";
import { PaymentFailed, PaymentRefunded, PaymentSucceeded } from "./contracts.ts";
import { recordEvent } from "../../shared/events/outbox.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import type { PaymentCursor } from "./schema.ts";
import { changeMembership } from "./membership_changes.ts";
import {
  checkoutGates,
  idempotencyKeys,
  memberships,
  outbox,
  payments,
  type PaymentStatus,
  plans,
  webhookEvents,
} from "./tables.ts";

/** A stored payment. */
export type PaymentRow = typeof payments.$inferSelect;
/** A membership plan. */
export type PlanRow = typeof plans.$inferSelect;
/** A stored membership. */
export type MembershipRow = typeof memberships.$inferSelect;

/** A Stripe event being handled: recorded with the change it causes. */
export interface HandledEvent {
  id: string;
  type: string;
}

/** What a settled outcome did. */
export type Settled = "processed" | "ignored";

/** Statuses an outcome may still move a payment from. */
const open: PaymentStatus[] = ["requires_confirmation", "processing"];

/** Reads and writes of the payments schema. */
export interface PaymentsRepository {
  listPlans(): Promise<PlanRow[]>;
  findPlan(id: string): Promise<PlanRow | undefined>;
  find(id: string): Promise<PaymentRow | undefined>;
  findByIntent(intentId: string): Promise<PaymentRow | undefined>;
  /** `userId`'s payments newest first by (created_at, id), after `after`. */
  listOf(
    userId: string,
    page: { limit: number; after?: PaymentCursor },
  ): Promise<KeysetPage<PaymentRow, PaymentCursor>>;
  /**
   * Stores a new payment and, in the same statement (one round trip), `also`
   * (the idempotent answer's update, ./idempotency.ts `completion`).
   */
  insert(row: typeof payments.$inferInsert, also: SQLWrapper): Promise<void>;
  /** `requires_confirmation` → `processing`; false when the payment had moved on. */
  markProcessing(id: string, paymentMethod: string, at: Date): Promise<boolean>;
  membership(userId: string): Promise<MembershipRow | undefined>;
  /** True when the Stripe event was handled already. */
  handled(eventId: string): Promise<boolean>;
  /** Records an event that changes nothing (its id, so a redelivery is a duplicate). */
  ignore(event: HandledEvent): Promise<void>;
  /**
   * The payment succeeded: `succeeded`, the plan's membership granted or
   * extended, `PaymentSucceeded` in the outbox — unless it already succeeded
   * or was refunded.
   */
  settleSucceeded(payment: PaymentRow, at: Date, event?: HandledEvent): Promise<Settled>;
  /**
   * The payment failed (or was given up): `failed` with `reason`, and
   * `PaymentFailed` — unless it had succeeded, was refunded or failed already.
   * `refundedAt` marks money that was paid back at once (stock gone).
   */
  settleFailed(
    payment: PaymentRow,
    outcome: { reason: string; at: Date; refundedAt?: Date; from?: PaymentStatus[] },
    event?: HandledEvent,
  ): Promise<Settled>;
  /** A succeeded payment was refunded: `refunded`, the membership shortened, `PaymentRefunded`. */
  settleRefunded(payment: PaymentRow, at: Date, event?: HandledEvent): Promise<Settled>;
  /** Replaces `userId` by `tombstone` everywhere (the records stay, the person goes). */
  anonymise(userId: string, tombstone: string): Promise<void>;
}

/** The payments repository over `db` (the worker's, or a delivery's transaction). */
export function createPaymentsRepository(db: Database): PaymentsRepository {
  async function remember(tx: Database, event: HandledEvent | undefined, result: Settled) {
    if (!event) return;
    // A concurrent copy of the event may have been recorded first: its effects were guarded too.
    await tx.insert(webhookEvents).values({ eventId: event.id, type: event.type, result })
      .onConflictDoNothing();
  }

  async function transition(
    payment: PaymentRow,
    from: PaymentStatus[],
    patch: Partial<PaymentRow>,
    event: HandledEvent | undefined,
    effects: (tx: Database, moved: PaymentRow) => Promise<void>,
  ): Promise<Settled> {
    return await db.transaction(async (tx) => {
      const [moved] = await tx.update(payments).set(patch)
        .where(and(eq(payments.id, payment.id), inArray(payments.status, from)))
        .returning();
      if (moved) await effects(tx, moved);
      const result = moved ? "processed" : "ignored";
      await remember(tx, event, result);
      return result;
    });
  }

  async function planOf(tx: Database, planId: string | null): Promise<PlanRow | undefined> {
    if (!planId) return undefined;
    const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
    return plan;
  }

  return {
    listPlans: () => db.select().from(plans).orderBy(asc(plans.priceCents), asc(plans.id)),

    async findPlan(id) {
      const [row] = await db.select().from(plans).where(eq(plans.id, id));
      return row;
    },

    async find(id) {
      const [row] = await db.select().from(payments).where(eq(payments.id, id));
      return row;
    },

    async findByIntent(intentId) {
      const [row] = await db.select().from(payments).where(eq(payments.intentId, intentId));
      return row;
    },

    listOf(userId, { limit, after }) {
      const query = (take: number) =>
        db.select({ payment: payments, at: cursorTimeOf(payments.createdAt) })
          .from(payments)
          .where(and(
            eq(payments.userId, userId),
            after &&
              sql`(${payments.createdAt}, ${payments.id}) < (${after.at}::timestamptz, ${after.id})`,
          ))
          .orderBy(desc(payments.createdAt), desc(payments.id))
          .limit(take);
      return keysetPage(query, limit, {
        item: (row) => row.payment,
        position: (last) => ({ at: last.at, id: last.payment.id }),
      });
    },

    async insert(row, also) {
      // A data-modifying CTE runs whether or not the statement reads it: both, or neither.
      const payment = db.insert(payments).values(row).getSQL();
      await db.execute(sql`with payment as (${payment}) ${also.getSQL()}`);
    },

    async markProcessing(id, paymentMethod, at) {
      const moved = await db.update(payments)
        .set({ status: "processing", paymentMethod, updatedAt: at })
        .where(and(eq(payments.id, id), eq(payments.status, "requires_confirmation")))
        .returning({ id: payments.id });
      return moved.length > 0;
    },

    async membership(userId) {
      const [row] = await db.select().from(memberships).where(eq(memberships.userId, userId));
      return row;
    },

    async handled(eventId) {
      const [row] = await db.select({ id: webhookEvents.eventId }).from(webhookEvents)
        .where(eq(webhookEvents.eventId, eventId));
      return !!row;
    },

    async ignore(event) {
      await db.insert(webhookEvents).values({
        eventId: event.id,
        type: event.type,
        result: "ignored",
      }).onConflictDoNothing();
    },

    settleSucceeded(payment, at, event) {
      // A failed payment may still succeed (a later confirmation, an expired
      // reservation taken again): money that arrived is never ignored.
      return transition(
        payment,
        [...open, "failed"],
        { status: "succeeded", succeededAt: at, failureReason: null, updatedAt: at },
        event,
        async (tx, moved) => {
          const plan = await planOf(tx, moved.planId);
          if (plan) {
            await changeMembership(tx, { userId: moved.userId, plan, reason: "purchased", at });
          }
          await recordEvent(
            tx,
            outbox,
            PaymentSucceeded,
            {
              paymentId: moved.id,
              userId: moved.userId,
              amountCents: moved.amountCents,
              currency: moved.currency,
              planId: moved.planId,
              items: moved.items.map(({ sku, quantity, unitPriceCents }) => ({
                sku,
                quantity,
                unitPriceCents,
              })),
              succeededAt: at.toISOString(),
            } satisfies PaymentSucceeded,
            at,
          );
        },
      );
    },

    settleFailed(payment, { reason, at, refundedAt, from }, event) {
      return transition(
        payment,
        from ?? open,
        {
          status: "failed",
          failureReason: reason,
          failedAt: at,
          refundedAt: refundedAt ?? null,
          updatedAt: at,
        },
        event,
        async (tx, moved) => {
          if (payment.status === "failed") return; // announced when it first failed
          await recordEvent(
            tx,
            outbox,
            PaymentFailed,
            {
              paymentId: moved.id,
              userId: moved.userId,
              amountCents: moved.amountCents,
              currency: moved.currency,
              reason,
              failedAt: at.toISOString(),
            } satisfies PaymentFailed,
            at,
          );
        },
      );
    },

    settleRefunded(payment, at, event) {
      return transition(
        payment,
        ["succeeded"],
        { status: "refunded", refundedAt: at, updatedAt: at },
        event,
        async (tx, moved) => {
          const plan = await planOf(tx, moved.planId);
          if (plan) {
            await changeMembership(tx, { userId: moved.userId, plan, reason: "refunded", at });
          }
          await recordEvent(
            tx,
            outbox,
            PaymentRefunded,
            {
              paymentId: moved.id,
              userId: moved.userId,
              amountCents: moved.amountCents,
              currency: moved.currency,
              refundedAt: at.toISOString(),
            } satisfies PaymentRefunded,
            at,
          );
        },
      );
    },

    async anonymise(userId, tombstone) {
      await db.update(payments).set({ userId: tombstone }).where(eq(payments.userId, userId));
      await db.update(memberships).set({ userId: tombstone })
        .where(eq(memberships.userId, userId));
      await db.update(idempotencyKeys).set({ userId: tombstone })
        .where(eq(idempotencyKeys.userId, userId));
      // Only a counter: nothing to keep.
      await db.delete(checkoutGates).where(eq(checkoutGates.userId, userId));
      // Announced events keep the records, not the person.
      await db.update(outbox)
        .set({
          payload: sql`jsonb_set(${outbox.payload}, '{userId}', to_jsonb(${tombstone}::text))`,
        })
        .where(sql`${outbox.payload}->>'userId' = ${userId}`);
    },
  };
}
