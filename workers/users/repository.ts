/**
 * The profiles table through drizzle: the only file of the users worker that
 * speaks SQL.
 *
 * @module
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { recordEvent } from "../../shared/events/outbox.ts";
import { ProfileUpdated } from "./contracts.ts";
import { outbox, profiles } from "./tables.ts";

/** A stored profile. */
export type ProfileRow = typeof profiles.$inferSelect;

/** The columns a member may change. */
export type ProfileChanges = Partial<
  Pick<ProfileRow, "displayName" | "bio" | "units" | "timezone" | "goals">
>;

/** Reads and writes of `users.profiles`. */
export interface ProfileRepository {
  find(userId: string): Promise<ProfileRow | undefined>;
  /** Inserts the profile unless one exists for `userId`; the new row, or undefined when it existed. */
  insertIfAbsent(
    profile: Pick<ProfileRow, "userId" | "email" | "displayName">,
    at: Date,
  ): Promise<ProfileRow | undefined>;
  /**
   * Applies `changes` and bumps the version in one statement, only when the
   * stored version is one of `versions` (when given): the row, or undefined
   * when no row matched (absent, or changed since the caller read it).
   */
  update(
    userId: string,
    changes: ProfileChanges,
    options: { at: Date; versions?: readonly number[] },
  ): Promise<ProfileRow | undefined>;
  /** True when a row was deleted. */
  delete(userId: string): Promise<boolean>;
}

/** The repository over `db`. */
export function createProfileRepository(db: Database): ProfileRepository {
  return {
    async find(userId) {
      const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId));
      return row;
    },

    async insertIfAbsent(profile, at) {
      const [row] = await db.insert(profiles)
        .values({ ...profile, createdAt: at, updatedAt: at })
        .onConflictDoNothing({ target: profiles.userId })
        .returning();
      return row;
    },

    async update(userId, changes, { at, versions }) {
      const matches = versions === undefined
        ? eq(profiles.userId, userId)
        : and(eq(profiles.userId, userId), inArray(profiles.version, [...versions]));
      // The change and its ProfileUpdated event commit together, or neither does.
      return await db.transaction(async (tx) => {
        const [row] = await tx.update(profiles)
          .set({ ...changes, version: sql`${profiles.version} + 1`, updatedAt: at })
          .where(matches)
          .returning();
        if (row) {
          await recordEvent(tx, outbox, ProfileUpdated, {
            userId: row.userId,
            displayName: row.displayName,
            timezone: row.timezone,
            version: row.version,
            updatedAt: row.updatedAt.toISOString(),
          });
        }
        return row;
      });
    },

    async delete(userId) {
      const deleted = await db.delete(profiles)
        .where(eq(profiles.userId, userId))
        .returning({ userId: profiles.userId });
      return deleted.length > 0;
    },
  };
}
