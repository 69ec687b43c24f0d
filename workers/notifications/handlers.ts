/**
 * The event handlers of the notifications worker, one per event type. Each
 * runs inside the transaction in which `consumerRoutes` records the event as
 * processed, so a redelivery has no second effect and a failure (a broken
 * payload, the database, the mailer) leaves nothing behind and is retried.
 *
 * Payloads arrive checked against their producers' contracts (`on(...)`);
 * one that breaks its contract never reaches a handler (it is dead-lettered).
 *
 * Email goes out last, after every write: a send that fails rolls the
 * delivery back for a retry; one that succeeded before a failed commit is
 * sent again on the retry (email is at-least-once). Push goes out as its
 * own event, `PushRequested`, recorded with the inbox entry and delivered
 * back to this worker through the queue (./push_channel.ts): Expo being down
 * delays and retries the push without holding back the inbox or the email.
 *
 * @module
 */
import { on, type Subscription } from "../../shared/events/consumer.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import type { AdminRecipients } from "./admins.ts";
import {
  type ChannelPreferences,
  defaultPreferences,
  shouldEmail,
  shouldPush,
} from "./channels.ts";
import { recordEvent } from "../../shared/events/outbox.ts";
import { PushRequested } from "./contracts.ts";
import { deliverPush, pushContentOf } from "./push_channel.ts";
import type { PushSender } from "./push.ts";
import { outbox } from "./tables.ts";
import { ReportReady } from "../analytics/contracts.ts";
import { UserDeleted, UserRegistered } from "../auth/contracts.ts";
import { StockLow } from "../inventory/contracts.ts";
import { PaymentFailed, PaymentRefunded, PaymentSucceeded } from "../payments/contracts.ts";
import { ProfileUpdated } from "../users/contracts.ts";
import { WebhookDisabled } from "../webhooks/contracts.ts";
import { SessionLogged } from "../workouts/contracts.ts";
import type { Email, Mailer } from "./mailer.ts";
import {
  lowStockMessage,
  type Message,
  paymentFailedMessage,
  paymentRefundedMessage,
  paymentSucceededMessage,
  personalRecordMessage,
  reportReadyMessage,
  webhookDisabledMessage,
  welcomeMessage,
} from "./messages.ts";
import { createNotificationsRepository } from "./repository.ts";
import { createDevicesRepository } from "./devices_repository.ts";

/** What the handlers need. */
export interface NotificationHandlerDeps {
  now: () => Date;
  log: Logger;
  /** Without one, nothing is emailed. */
  mailer?: Mailer;
  /** Without one, nothing is pushed. */
  push?: PushSender;
  /** Who the admins are (looked up before the transaction); without it, `StockLow` fails. */
  admins?: AdminRecipients;
  /** Counts a notification put in an inbox (`in_app`), handed to the mailer (`email`) or to Expo (`push`). */
  sent?: (channel: "in_app" | "email" | "push", type: string) => void;
}

/** The handlers, for `consumerRoutes({ handlers })`. */
export function createNotificationHandlers(deps: NotificationHandlerDeps): Subscription[] {
  const { now, log, mailer, push } = deps;
  const sent = deps.sent ?? (() => {});

  /**
   * Stores `message` in the inbox if the member wants in-app ones, and the
   * push for their devices when one is due (sent through the queue); returns
   * the email to send when one is due (sent only after every write).
   */
  async function store(
    tx: Database,
    userId: string,
    message: Message,
    known?: ChannelPreferences,
  ): Promise<Email | undefined> {
    const repository = createNotificationsRepository(tx);
    const preferences = known ?? await repository.findPreferences(userId) ?? defaultPreferences;
    const at = now();
    const notificationId = preferences.inApp ? crypto.randomUUID() : null;
    if (notificationId) {
      await repository.insert({ id: notificationId, userId, ...message, createdAt: at });
      sent("in_app", message.type);
    }
    if (
      push && shouldPush(preferences, at) && await createDevicesRepository(tx).hasAny(userId)
    ) {
      await recordEvent(tx, outbox, PushRequested, {
        userId,
        notificationId,
        type: message.type,
        ...pushContentOf(message),
      }, at);
    }
    if (mailer && preferences.emailAddress && shouldEmail(preferences, at)) {
      return { to: preferences.emailAddress, subject: message.title, text: message.body };
    }
    return undefined;
  }

  async function send(emails: (Email | undefined)[], type: Message["type"]): Promise<void> {
    for (const email of emails) {
      if (!email || !mailer) continue;
      await mailer.send(email);
      sent("email", type);
      log.debug("notification emailed", { type });
    }
  }

  /** `message` to one member: the inbox and push, then email if due. */
  async function notify(
    tx: Database,
    userId: string,
    message: Message,
    known?: ChannelPreferences,
  ): Promise<void> {
    await send([await store(tx, userId, message, known)], message.type);
  }

  /** `message` to several members: every inbox first, then the emails. */
  async function notifyAll(
    tx: Database,
    userIds: readonly string[],
    message: Message,
  ): Promise<void> {
    const emails = [];
    for (const userId of userIds) emails.push(await store(tx, userId, message));
    await send(emails, message.type);
  }

  const repositoryOf = (tx: Database) => createNotificationsRepository(tx);

  return [
    on(UserRegistered, async (event, tx) => {
      const repository = repositoryOf(tx);
      const preferences = await repository.rememberContact(
        event.userId,
        { emailAddress: event.email, displayName: event.displayName },
        now(),
      );
      await notify(tx, event.userId, welcomeMessage(preferences.displayName), preferences);
    }),

    // Most sessions set no record: those are answered without a transaction.
    on(SessionLogged, async (event, tx) => {
      await notify(tx, event.userId, personalRecordMessage(event.sessionId, event.personalRecords));
    }, { relevant: (event) => event.personalRecords.length > 0 }),

    // Only a newer version of the profile than the one kept (a late event changes nothing).
    on(ProfileUpdated, async (event, tx) => {
      await repositoryOf(tx).rememberProfile(
        event.userId,
        { timezone: event.timezone, displayName: event.displayName, version: event.version },
        now(),
      );
    }),

    on(UserDeleted, async (event, tx) => {
      await repositoryOf(tx).eraseUser(event.userId);
      await createDevicesRepository(tx).eraseUser(event.userId);
    }),

    // The push itself, through the queue: Expo unreachable answers 503 and the queue retries.
    on(PushRequested, async (event, tx) => {
      if (!push) throw new Error("Cannot push: no push sender is configured");
      await deliverPush({ sender: push, devices: createDevicesRepository(tx), log, now }, event);
      sent("push", event.type);
    }),

    on(ReportReady, async (event, tx) => {
      await notify(tx, event.userId, reportReadyMessage(event));
    }),

    on(PaymentSucceeded, async (event, tx) => {
      await notify(tx, event.userId, paymentSucceededMessage(event));
    }),

    on(PaymentFailed, async (event, tx) => {
      await notify(tx, event.userId, paymentFailedMessage(event));
    }),

    on(PaymentRefunded, async (event, tx) => {
      await notify(tx, event.userId, paymentRefundedMessage(event));
    }),

    // One notification per admin per crossing: the consumer processes each message id once.
    on(StockLow, async (event, tx, message) => {
      if (!deps.admins) throw new Error("Cannot notify admins of StockLow: no auth worker to ask");
      const admins = deps.admins.of(message);
      if (admins.length === 0) log.warn("no admin to tell about low stock", { sku: event.sku });
      await notifyAll(tx, admins, lowStockMessage(event));
    }),

    on(WebhookDisabled, async (event, tx) => {
      await notify(tx, event.userId, webhookDisabledMessage(event));
    }),
  ];
}
