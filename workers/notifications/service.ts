/**
 * The notifications worker's use cases for members: reading their inbox,
 * marking notifications read, and their preferences. Nothing here knows
 * about HTTP beyond the problems it raises.
 *
 * @module
 */
import { Problem } from "../../shared/http/problem.ts";
import { isPathId } from "../../shared/http/path_id.ts";
import { defaultPreferences } from "./channels.ts";
import type { KeysetPage } from "../../shared/stores/postgres/keyset_page.ts";
import type { NotificationRow, NotificationsRepository, PreferenceChoice } from "./repository.ts";
import type { InboxCursor, InboxQuery, PreferencesInput, PreferencesPatch } from "./schema.ts";
// Registers NOTIFICATION_NOT_FOUND before any Problem with that code is raised.
import { notificationsProblems } from "./problems.ts";

/** A member's choice of channels. */
export type Preferences = PreferenceChoice;

/** What the use cases need. */
export interface NotificationsServiceDeps {
  repository: NotificationsRepository;
  now: () => Date;
}

/** The member-facing use cases. */
export interface NotificationsService {
  listInbox(userId: string, query: InboxQuery): Promise<KeysetPage<NotificationRow, InboxCursor>>;
  /** Idempotent: the first `readAt` stays. 404 NOTIFICATION_NOT_FOUND unless `userId` owns it. */
  markRead(userId: string, id: string): Promise<void>;
  /** The member's choice, or the defaults when they never made one. */
  getPreferences(userId: string): Promise<Preferences>;
  setPreferences(userId: string, input: PreferencesInput): Promise<Preferences>;
  /** Changes only the fields `patch` names. */
  patchPreferences(userId: string, patch: PreferencesPatch): Promise<Preferences>;
}

function choiceOf(row: Preferences): Preferences {
  const { inApp, email, push, quietStart, quietEnd } = row;
  return { inApp, email, push, quietStart, quietEnd };
}

/** The use cases over `deps`. */
export function createNotificationsService(deps: NotificationsServiceDeps): NotificationsService {
  const { repository, now } = deps;
  return {
    listInbox(userId, query) {
      return repository.list(userId, {
        unread: query.unread,
        limit: query.limit,
        after: query.cursor,
      });
    },

    async markRead(userId, id) {
      if (!isPathId(id) || !await repository.markRead(userId, id, now())) {
        throw new Problem(
          notificationsProblems.NOTIFICATION_NOT_FOUND,
          "You have no notification with this id.",
        );
      }
    },

    async getPreferences(userId) {
      return choiceOf(await repository.findPreferences(userId) ?? defaultPreferences);
    },

    async setPreferences(userId, input) {
      const row = await repository.savePreferences(userId, {
        inApp: input.inApp,
        email: input.email,
        push: input.push,
        quietStart: input.quietHours?.start ?? null,
        quietEnd: input.quietHours?.end ?? null,
      }, now());
      return choiceOf(row);
    },

    async patchPreferences(userId, patch) {
      const change: Partial<Preferences> = {};
      if (patch.inApp !== undefined) change.inApp = patch.inApp;
      if (patch.email !== undefined) change.email = patch.email;
      if (patch.push !== undefined) change.push = patch.push;
      if (patch.quietHours !== undefined) {
        change.quietStart = patch.quietHours?.start ?? null;
        change.quietEnd = patch.quietHours?.end ?? null;
      }
      const initial = choiceOf(defaultPreferences);
      return choiceOf(await repository.patchPreferences(userId, initial, change, now()));
    },
  };
}
