/**
 * The offline provider: Stripe's test mode without the network, for the
 * embedded default, split mode and tests.
 *
 * - `pm_card_visa` (and `pm_card_mastercard`) succeed; `pm_card_chargeDeclined`
 *   is declined with `card_declined` (`pm_card_chargeDeclinedInsufficientFunds`
 *   with `insufficient_funds`); any other payment method does not exist.
 * - Confirming answers synchronously, as Stripe does for cards (the intent is
 *   `succeeded`, or the call fails with a card error), and then, as Stripe,
 *   sends the outcome as a webhook event (`payment_intent.succeeded`,
 *   `payment_intent.payment_failed`; `charge.refunded` after a refund),
 *   signed with the SDK's own helper and delivered asynchronously to
 *   `/webhooks/stripe` with retries (./offline_delivery.ts).
 * - Intents and undelivered events live in the payments schema
 *   (`offline_intents`, `offline_events`), so a restart keeps them; a change
 *   of an intent and the event announcing it commit together.
 *
 * @module
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../shared/stores/postgres/port.ts";
import { randomId } from "../ids.ts";
import { offlineEvents, offlineIntents } from "../tables.ts";
import {
  type ConfirmOutcome,
  type PaymentProvider,
  ProviderError,
  type ProviderIntent,
} from "./port.ts";

/** Stripe test payment methods and what confirming with them does. */
const testCards: Readonly<Record<string, { declineCode?: string }>> = {
  pm_card_visa: {},
  pm_card_mastercard: {},
  pm_card_chargeDeclined: { declineCode: "card_declined" },
  pm_card_chargeDeclinedInsufficientFunds: { declineCode: "insufficient_funds" },
};

/** The API version the events claim (the SDK's pinned one at the time of writing). */
const apiVersion = "2025-10-29.clover";

type IntentRow = typeof offlineIntents.$inferSelect;

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** The PaymentIntent object of Stripe's API for `row`. */
function intentObject(row: IntentRow) {
  return {
    id: row.id,
    object: "payment_intent",
    amount: row.amount,
    amount_received: row.status === "succeeded" ? row.amount : 0,
    currency: row.currency.toLowerCase(),
    status: row.status,
    client_secret: row.clientSecret,
    metadata: row.metadata,
    payment_method: row.paymentMethod,
    payment_method_types: ["card"],
    latest_charge: row.latestCharge,
    last_payment_error: row.lastPaymentError,
    created: seconds(row.createdAt),
    livemode: false,
  };
}

/** The Charge object of a refunded intent. */
function refundedCharge(row: IntentRow) {
  return {
    id: row.latestCharge,
    object: "charge",
    amount: row.amount,
    amount_captured: row.amount,
    amount_refunded: row.amount,
    currency: row.currency.toLowerCase(),
    captured: true,
    paid: true,
    refunded: true,
    status: "succeeded",
    payment_intent: row.id,
    payment_method: row.paymentMethod,
    metadata: row.metadata,
    created: seconds(row.createdAt),
    livemode: false,
  };
}

/** A Stripe event's JSON body. */
function eventBody(id: string, type: string, object: unknown, at: Date): string {
  return JSON.stringify({
    id,
    object: "event",
    api_version: apiVersion,
    created: seconds(at),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

/** What the offline provider needs. */
export interface OfflineProviderOptions {
  db: Database;
  now: () => Date;
  /** Called after an event was stored: deliver it (./offline_delivery.ts). */
  onEvent: () => void;
}

/** The provider port without a network: Stripe's test-mode answers, stored in `offline_*`. */
export function createOfflineProvider(options: OfflineProviderOptions): PaymentProvider {
  const { db, now } = options;

  async function find(tx: Database, id: string): Promise<IntentRow> {
    const [row] = await tx.select().from(offlineIntents).where(eq(offlineIntents.id, id))
      .for("update");
    if (!row) throw new ProviderError("rejected", `No such payment_intent: '${id}'`);
    return row;
  }

  /** Stores the intent's change and its event in one transaction. */
  async function change(
    id: string,
    apply: (row: IntentRow, at: Date) => Partial<IntentRow> | undefined,
    event: (row: IntentRow) => { type: string; object: unknown } | undefined,
  ): Promise<IntentRow> {
    const at = now();
    const changed = await db.transaction(async (tx) => {
      const row = await find(tx, id);
      const patch = apply(row, at);
      if (!patch) return { row, stored: false };
      const [updated] = await tx.update(offlineIntents).set({ ...patch, updatedAt: at })
        .where(eq(offlineIntents.id, id)).returning();
      const announced = event(updated);
      if (announced) {
        const eventId = randomId("evt");
        await tx.insert(offlineEvents).values({
          id: eventId,
          type: announced.type,
          body: eventBody(eventId, announced.type, announced.object, at),
          nextAttemptAt: at,
        });
      }
      return { row: updated, stored: !!announced };
    });
    if (changed.stored) options.onEvent();
    return changed.row;
  }

  return {
    kind: "offline",

    async createIntent({ amountCents, currency, metadata, idempotencyKey }) {
      const id = randomId("pi");
      const clientSecret = `${id}_secret_${randomId("s").slice(2)}`;
      // The idempotency key, not a lookup first, decides: a retry gets the first intent.
      // The update changes nothing; it only makes the first intent's row come back, in the
      // same round trip.
      const [row] = await db.insert(offlineIntents).values({
        id,
        amount: amountCents,
        currency,
        status: "requires_payment_method",
        clientSecret,
        metadata,
        idempotencyKey,
        createdAt: now(),
      }).onConflictDoUpdate({
        target: offlineIntents.idempotencyKey,
        set: { idempotencyKey: sql`excluded.idempotency_key` },
      }).returning();
      return { id: row.id, clientSecret: row.clientSecret, status: row.status } as ProviderIntent;
    },

    async confirmIntent(intentId, paymentMethod): Promise<ConfirmOutcome> {
      const card = Object.hasOwn(testCards, paymentMethod) ? testCards[paymentMethod] : undefined;
      if (!card) {
        throw new ProviderError(
          "unknown_payment_method",
          `No such PaymentMethod: '${paymentMethod}'`,
        );
      }
      const declined = card.declineCode;
      const row = await change(
        intentId,
        (current) => {
          if (current.status === "succeeded" || current.status === "canceled") {
            throw new ProviderError(
              "rejected",
              `This PaymentIntent's status is ${current.status}: it cannot be confirmed.`,
            );
          }
          return declined
            ? {
              status: "requires_payment_method",
              paymentMethod,
              lastPaymentError: {
                type: "card_error",
                code: "card_declined",
                decline_code: declined,
                message: "Your card was declined.",
              },
            }
            : {
              status: "succeeded",
              paymentMethod,
              latestCharge: randomId("ch"),
              lastPaymentError: null,
            };
        },
        (updated) => ({
          type: declined ? "payment_intent.payment_failed" : "payment_intent.succeeded",
          object: intentObject(updated),
        }),
      );
      return row.status === "succeeded"
        ? { status: "succeeded" }
        : { status: "failed", reason: declined ?? "card_declined" };
    },

    async refund(intentId) {
      const row = await change(
        intentId,
        (current) => {
          if (current.refundId) return undefined; // already refunded: the same refund
          if (current.status !== "succeeded") {
            throw new ProviderError(
              "rejected",
              `This PaymentIntent's status is ${current.status}: there is nothing to refund.`,
            );
          }
          return { refundId: randomId("re") };
        },
        (updated) => ({ type: "charge.refunded", object: refundedCharge(updated) }),
      );
      return { id: row.refundId!, status: "succeeded" };
    },
  };
}
