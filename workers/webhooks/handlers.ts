/**
 * What the webhooks worker does with each event it hears: platform events
 * become deliveries to the subscriptions that want them (each member hears
 * only about themselves; gym-wide `stock.low` goes to admins'
 * subscriptions), and `WebhookAttemptDue` runs one attempt (./attempts.ts).
 *
 * @module
 */
import { on, type Subscription } from "../../shared/events/consumer.ts";
import type { EventMessage } from "../../shared/queue/port.ts";
import { UserDeleted } from "../auth/contracts.ts";
import { StockLow } from "../inventory/contracts.ts";
import { MembershipChanged, PaymentRefunded, PaymentSucceeded } from "../payments/contracts.ts";
import { SessionLogged } from "../workouts/contracts.ts";
import { type AttemptDeps, createAttemptRunner } from "./attempts.ts";
import { WebhookAttemptDue } from "./contracts.ts";
import { type Audience, eraseOwner, fanOut, isWanted } from "./delivery_store.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  membershipChangedData,
  paymentRefundedData,
  paymentSucceededData,
  personalRecordData,
  sessionLoggedData,
  stockLowData,
  type WebhookEventType,
} from "./public_events.ts";

/** The envelope of `type` with `data`, stamped with the platform event's time. */
const envelope = (
  type: WebhookEventType,
  message: EventMessage,
  data: Record<string, unknown>,
) => ({
  type,
  timestamp: message.occurredAt,
  data,
});

/** The member a member's event is told to. */
const member = (event: { userId: string }): Audience => ({ userId: event.userId });

/**
 * Asked before the consumer opens a transaction: only events some subscription
 * of their audience wants are fanned out (most members have no webhooks).
 */
const memberWants = (...types: WebhookEventType[]) => (event: { userId: string }, db: Database) =>
  isWanted(db, member(event), types);

/** The handlers of every event the webhooks worker consumes. */
export function createWebhookHandlers(deps: AttemptDeps): Subscription[] {
  return [
    on(SessionLogged, async (event, tx, message) => {
      await fanOut(
        tx,
        member(event),
        envelope("session.logged", message, sessionLoggedData(event)),
      );
      for (const record of personalRecordData(event)) {
        await fanOut(tx, member(event), envelope("personal_record.achieved", message, record));
      }
    }, { relevant: memberWants("session.logged", "personal_record.achieved") }),
    on(PaymentSucceeded, async (event, tx, message) => {
      const data = paymentSucceededData(event);
      await fanOut(tx, member(event), envelope("payment.succeeded", message, data));
    }, { relevant: memberWants("payment.succeeded") }),
    on(PaymentRefunded, async (event, tx, message) => {
      const data = paymentRefundedData(event);
      await fanOut(tx, member(event), envelope("payment.refunded", message, data));
    }, { relevant: memberWants("payment.refunded") }),
    on(MembershipChanged, async (event, tx, message) => {
      const data = membershipChangedData(event);
      await fanOut(tx, member(event), envelope("membership.changed", message, data));
    }, { relevant: memberWants("membership.changed") }),
    on(StockLow, async (event, tx, message) => {
      await fanOut(tx, { admins: true }, envelope("stock.low", message, stockLowData(event)));
    }),
    on(UserDeleted, async (event, tx) => {
      await eraseOwner(tx, event.userId);
    }),
    on(WebhookAttemptDue, createAttemptRunner(deps), { outsideTransaction: true }),
  ];
}
