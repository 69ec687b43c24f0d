/**
 * The event handlers of the notifications worker, one per event type. Each
 * runs inside the transaction in which `consumerRoutes` records the event as
 * processed, so a redelivery has no second effect and a failure (a broken
 * payload, the database, the mailer) leaves nothing behind and is retried.
 *
 * Email goes out last, after every write: a send that fails rolls the
 * delivery back for a retry; one that succeeded before a failed commit is
 * sent again on the retry (email is at-least-once).
 *
 * @module
 */
import type { EventHandler } from "../../shared/events/consumer.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import type { AdminRecipients } from "./admins.ts";
import { type ChannelPreferences, defaultPreferences, shouldEmail } from "./channels.ts";
import {
  payloadOf,
  paymentFailedSchema,
  paymentRefundedSchema,
  paymentSucceededSchema,
  profileUpdatedSchema,
  reportReadySchema,
  sessionLoggedSchema,
  stockLowSchema,
  userDeletedSchema,
  userRegisteredSchema,
} from "./events.ts";
import type { Email, Mailer } from "./mailer.ts";
import {
  lowStockMessage,
  type Message,
  paymentFailedMessage,
  paymentRefundedMessage,
  paymentSucceededMessage,
  personalRecordMessage,
  reportReadyMessage,
  welcomeMessage,
} from "./messages.ts";
import { createNotificationsRepository, type NotificationsRepository } from "./repository.ts";

/** The event types this worker handles. */
export const handledEvents = [
  "UserRegistered",
  "SessionLogged",
  "ProfileUpdated",
  "UserDeleted",
  "ReportReady",
  "PaymentSucceeded",
  "PaymentFailed",
  "PaymentRefunded",
  "StockLow",
] as const;

/** A handler for each event type the worker consumes. */
export type NotificationHandlers = Record<typeof handledEvents[number], EventHandler>;

/** What the handlers need. */
export interface NotificationHandlerDeps {
  now: () => Date;
  log: Logger;
  /** Without one, nothing is emailed. */
  mailer?: Mailer;
  /** Who the admins are (looked up before the transaction); without it, `StockLow` fails. */
  admins?: AdminRecipients;
}

/** The handlers, for `consumerRoutes({ handlers })`. */
export function createNotificationHandlers(deps: NotificationHandlerDeps): NotificationHandlers {
  const { now, log, mailer } = deps;

  /**
   * Stores `message` in the inbox if the member wants in-app ones; returns
   * the email to send when one is due (sent only after every write).
   */
  async function store(
    repository: NotificationsRepository,
    userId: string,
    message: Message,
    known?: ChannelPreferences,
  ): Promise<Email | undefined> {
    const preferences = known ?? await repository.findPreferences(userId) ?? defaultPreferences;
    const at = now();
    if (preferences.inApp) {
      await repository.insert({ id: crypto.randomUUID(), userId, ...message, createdAt: at });
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
      log.debug("notification emailed", { type });
    }
  }

  /** `message` to one member: the inbox, then email if due. */
  async function notify(
    repository: NotificationsRepository,
    userId: string,
    message: Message,
    known?: ChannelPreferences,
  ): Promise<void> {
    await send([await store(repository, userId, message, known)], message.type);
  }

  /** `message` to several members: every inbox first, then the emails. */
  async function notifyAll(
    repository: NotificationsRepository,
    userIds: readonly string[],
    message: Message,
  ): Promise<void> {
    const emails = [];
    for (const userId of userIds) emails.push(await store(repository, userId, message));
    await send(emails, message.type);
  }

  const repositoryOf = (tx: Database) => createNotificationsRepository(tx);

  return {
    async UserRegistered(message, tx) {
      const event = payloadOf(userRegisteredSchema, message.type, message.payload);
      const repository = repositoryOf(tx);
      const preferences = await repository.rememberContact(
        event.userId,
        { emailAddress: event.email, displayName: event.displayName },
        now(),
      );
      await notify(repository, event.userId, welcomeMessage(preferences.displayName), preferences);
    },

    async SessionLogged(message, tx) {
      const event = payloadOf(sessionLoggedSchema, message.type, message.payload);
      if (event.personalRecords.length === 0) return;
      await notify(
        repositoryOf(tx),
        event.userId,
        personalRecordMessage(event.sessionId, event.personalRecords),
      );
    },

    async ProfileUpdated(message, tx) {
      const event = payloadOf(profileUpdatedSchema, message.type, message.payload);
      await repositoryOf(tx).rememberProfile(
        event.userId,
        { timezone: event.timezone, displayName: event.displayName },
        now(),
      );
    },

    async UserDeleted(message, tx) {
      const event = payloadOf(userDeletedSchema, message.type, message.payload);
      await repositoryOf(tx).eraseUser(event.userId);
    },

    async ReportReady(message, tx) {
      const event = payloadOf(reportReadySchema, message.type, message.payload);
      await notify(repositoryOf(tx), event.userId, reportReadyMessage(event));
    },

    async PaymentSucceeded(message, tx) {
      const event = payloadOf(paymentSucceededSchema, message.type, message.payload);
      await notify(repositoryOf(tx), event.userId, paymentSucceededMessage(event));
    },

    async PaymentFailed(message, tx) {
      const event = payloadOf(paymentFailedSchema, message.type, message.payload);
      await notify(repositoryOf(tx), event.userId, paymentFailedMessage(event));
    },

    async PaymentRefunded(message, tx) {
      const event = payloadOf(paymentRefundedSchema, message.type, message.payload);
      await notify(repositoryOf(tx), event.userId, paymentRefundedMessage(event));
    },

    // One notification per admin per crossing: the consumer processes each message id once.
    async StockLow(message, tx) {
      const event = payloadOf(stockLowSchema, message.type, message.payload);
      if (!deps.admins) throw new Error("Cannot notify admins of StockLow: no auth worker to ask");
      const admins = deps.admins.of(message);
      if (admins.length === 0) log.warn("no admin to tell about low stock", { sku: event.sku });
      await notifyAll(repositoryOf(tx), admins, lowStockMessage(event));
    },
  };
}
