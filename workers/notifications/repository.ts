/**
 * The inbox and preferences through drizzle: the only file of the
 * notifications worker that speaks SQL. Built over the worker's database for
 * the routes, and over the delivery's transaction for the event handlers.
 *
 * @module
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import type { InboxCursor } from "./schema.ts";
import { inbox, preferences } from "./tables.ts";

/** A stored notification. */
export type NotificationRow = typeof inbox.$inferSelect;

/** A notification to store. */
export type NewNotificationRow = typeof inbox.$inferInsert & { createdAt: Date };

/** A stored preferences row. */
export type PreferencesRow = typeof preferences.$inferSelect;

/** What a member chooses (`quietStart`/`quietEnd` both set or both null). */
export type PreferenceChoice = Pick<
  PreferencesRow,
  "inApp" | "email" | "push" | "quietStart" | "quietEnd"
>;

/** Reads and writes of `notifications.inbox` and `notifications.preferences`. */
export interface NotificationsRepository {
  insert(notification: NewNotificationRow): Promise<void>;
  /** `userId`'s notifications newest first by (created_at, id), after `after`. */
  list(
    userId: string,
    page: { unread?: boolean; limit: number; after?: InboxCursor },
  ): Promise<KeysetPage<NotificationRow, InboxCursor>>;
  /** Sets `read_at` unless already set; false when `userId` has no notification `id`. */
  markRead(userId: string, id: string, at: Date): Promise<boolean>;
  findPreferences(userId: string): Promise<PreferencesRow | undefined>;
  /** Stores the member's choice, keeping what events told about them. */
  savePreferences(userId: string, choice: PreferenceChoice, at: Date): Promise<PreferencesRow>;
  /**
   * Changes only the fields of `patch`, in one statement (two concurrent
   * patches of different fields both hold); a member without a row starts
   * from `initial` (the defaults) with the patch applied.
   */
  patchPreferences(
    userId: string,
    initial: PreferenceChoice,
    patch: Partial<PreferenceChoice>,
    at: Date,
  ): Promise<PreferencesRow>;
  /**
   * Keeps where email goes (`UserRegistered`). The display name is taken only
   * when none is known: a `ProfileUpdated` processed first carries a newer one.
   */
  rememberContact(
    userId: string,
    contact: { emailAddress: string; displayName: string },
    at: Date,
  ): Promise<PreferencesRow>;
  /**
   * Keeps the timezone and display name of a `ProfileUpdated`, unless the
   * version kept is as new or newer (events arrive in any order).
   */
  rememberProfile(
    userId: string,
    profile: { timezone: string; displayName: string; version: number },
    at: Date,
  ): Promise<void>;
  /** Deletes every row of `userId`'s inbox and preferences. */
  eraseUser(userId: string): Promise<void>;
}

/** The repository over `db` (the database, or a transaction). */
export function createNotificationsRepository(db: Database): NotificationsRepository {
  return {
    async insert(notification) {
      await db.insert(inbox).values(notification);
    },

    list(userId, { unread, limit, after }) {
      const query = (take: number) =>
        db.select({ notification: inbox, at: cursorTimeOf(inbox.createdAt) })
          .from(inbox)
          .where(and(
            eq(inbox.userId, userId),
            unread === true ? isNull(inbox.readAt) : undefined,
            unread === false ? sql`${inbox.readAt} is not null` : undefined,
            after &&
              sql`(${inbox.createdAt}, ${inbox.id}) < (${after.at}::timestamptz, ${after.id})`,
          ))
          .orderBy(desc(inbox.createdAt), desc(inbox.id))
          .limit(take);
      return keysetPage(query, limit, {
        item: (row) => row.notification,
        position: (last) => ({ at: last.at, id: last.notification.id }),
      });
    },

    async markRead(userId, id, at) {
      const rows = await db.update(inbox)
        .set({ readAt: sql`coalesce(${inbox.readAt}, ${at.toISOString()}::timestamptz)` })
        .where(and(eq(inbox.id, id), eq(inbox.userId, userId)))
        .returning({ id: inbox.id });
      return rows.length > 0;
    },

    async findPreferences(userId) {
      const [row] = await db.select().from(preferences).where(eq(preferences.userId, userId));
      return row;
    },

    async savePreferences(userId, choice, at) {
      const [row] = await db.insert(preferences)
        .values({ userId, ...choice, updatedAt: at })
        .onConflictDoUpdate({ target: preferences.userId, set: { ...choice, updatedAt: at } })
        .returning();
      return row;
    },

    async patchPreferences(userId, initial, patch, at) {
      const [row] = await db.insert(preferences)
        .values({ userId, ...initial, ...patch, updatedAt: at })
        .onConflictDoUpdate({ target: preferences.userId, set: { ...patch, updatedAt: at } })
        .returning();
      return row;
    },

    async rememberContact(userId, contact, at) {
      const [row] = await db.insert(preferences)
        .values({ userId, ...contact, updatedAt: at })
        .onConflictDoUpdate({
          target: preferences.userId,
          set: {
            emailAddress: contact.emailAddress,
            displayName: sql`case when ${preferences.displayName} = '' then excluded.display_name
              else ${preferences.displayName} end`,
            updatedAt: at,
          },
        })
        .returning();
      return row;
    },

    async rememberProfile(userId, { version, ...profile }, at) {
      await db.insert(preferences)
        .values({ userId, ...profile, profileVersion: version, updatedAt: at })
        .onConflictDoUpdate({
          target: preferences.userId,
          set: { ...profile, profileVersion: version, updatedAt: at },
          setWhere: sql`${preferences.profileVersion} < excluded.profile_version`,
        });
    },

    async eraseUser(userId) {
      await db.delete(inbox).where(eq(inbox.userId, userId));
      await db.delete(preferences).where(eq(preferences.userId, userId));
    },
  };
}
