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
import { type ChannelPreferences, defaultPreferences, shouldEmail } from "./channels.ts";
import {
  payloadOf,
  profileUpdatedSchema,
  reportReadySchema,
  sessionLoggedSchema,
  userDeletedSchema,
  userRegisteredSchema,
} from "./events.ts";
import type { Mailer } from "./mailer.ts";
import {
  type Message,
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
] as const;

/** A handler for each event type the worker consumes. */
export type NotificationHandlers = Record<typeof handledEvents[number], EventHandler>;

/** What the handlers need. */
export interface NotificationHandlerDeps {
  now: () => Date;
  log: Logger;
  /** Without one, nothing is emailed. */
  mailer?: Mailer;
}

/** The handlers, for `consumerRoutes({ handlers })`. */
export function createNotificationHandlers(deps: NotificationHandlerDeps): NotificationHandlers {
  const { now, log, mailer } = deps;

  /** Stores `message` in the inbox if the member wants in-app ones, then emails it if due. */
  async function notify(
    repository: NotificationsRepository,
    userId: string,
    message: Message,
    known?: ChannelPreferences,
  ): Promise<void> {
    const preferences = known ?? await repository.findPreferences(userId) ?? defaultPreferences;
    const at = now();
    if (preferences.inApp) {
      await repository.insert({ id: crypto.randomUUID(), userId, ...message, createdAt: at });
    }
    if (mailer && preferences.emailAddress && shouldEmail(preferences, at)) {
      await mailer.send({
        to: preferences.emailAddress,
        subject: message.title,
        text: message.body,
      });
      log.debug("notification emailed", { type: message.type, userId });
    }
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
  };
}
