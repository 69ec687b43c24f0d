/**
 * Members' subscriptions through drizzle: every read and write names the
 * owner, so one member never reaches another's subscription.
 *
 * @module
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import { subscriptions } from "./tables.ts";

/** A stored subscription. */
export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** Where a page of a list starts: after the row created at `at` with `id`. */
export interface ListPosition {
  at: string;
  id: string;
}

/** What an owner may change. */
export interface SubscriptionChanges {
  url?: string;
  events?: string[];
  description?: string | null;
  enabled?: boolean;
}

/** Reads and writes of subscriptions. */
export interface SubscriptionStore {
  insert(row: typeof subscriptions.$inferInsert): Promise<SubscriptionRow>;
  list(
    userId: string,
    page: { limit: number; after?: ListPosition },
  ): Promise<KeysetPage<SubscriptionRow, ListPosition>>;
  find(userId: string, id: string): Promise<SubscriptionRow | undefined>;
  update(
    userId: string,
    id: string,
    changes: SubscriptionChanges,
    at: Date,
  ): Promise<SubscriptionRow | undefined>;
  remove(userId: string, id: string): Promise<boolean>;
  /** `secret` signs from now; the current one keeps signing until `overlapUntil`. */
  rotate(
    userId: string,
    id: string,
    secret: string,
    overlapUntil: Date,
    at: Date,
  ): Promise<SubscriptionRow | undefined>;
}

/** The store over `db`. */
export function createSubscriptionStore(db: Database): SubscriptionStore {
  const owned = (userId: string, id: string) =>
    and(eq(subscriptions.id, id), eq(subscriptions.userId, userId));
  return {
    async insert(row) {
      const [inserted] = await db.insert(subscriptions).values(row).returning();
      return inserted;
    },

    list(userId, { limit, after }) {
      const query = (take: number) =>
        db.select({ row: subscriptions, at: cursorTimeOf(subscriptions.createdAt) })
          .from(subscriptions)
          .where(and(
            eq(subscriptions.userId, userId),
            after &&
              sql`(${subscriptions.createdAt}, ${subscriptions.id}) < (${after.at}::timestamptz, ${after.id})`,
          ))
          .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
          .limit(take);
      return keysetPage(query, limit, {
        item: (found) => found.row,
        position: (last) => ({ at: last.at, id: last.row.id }),
      });
    },

    async find(userId, id) {
      const [row] = await db.select().from(subscriptions).where(owned(userId, id));
      return row;
    },

    async update(userId, id, changes, at) {
      // Re-enabling starts the failure count afresh.
      const reenabled = changes.enabled === true
        ? { consecutiveFailures: 0, disabledReason: null }
        : {};
      const [row] = await db.update(subscriptions)
        .set({ ...changes, ...reenabled, updatedAt: at })
        .where(owned(userId, id))
        .returning();
      return row;
    },

    async remove(userId, id) {
      const rows = await db.delete(subscriptions).where(owned(userId, id))
        .returning({ id: subscriptions.id });
      return rows.length > 0;
    },

    async rotate(userId, id, secret, overlapUntil, at) {
      const [row] = await db.update(subscriptions)
        .set({
          secret,
          previousSecret: sql`${subscriptions.secret}`,
          previousSecretExpiresAt: overlapUntil,
          updatedAt: at,
        })
        .where(owned(userId, id))
        .returning();
      return row;
    },
  };
}
