/**
 * Logged sessions, personal bests and the outbox through drizzle.
 *
 * Logging is one transaction. The insert comes first, with
 * `on conflict (user_id, client_id) do nothing`: the unique index, not a
 * check-then-insert, decides which of many copies of an offline retry wins
 * (the others wait for the winner's commit, then insert nothing). Only the
 * winner goes on to lock and update the member's bests and to write the
 * `SessionLogged` outbox row, so a retry never reports a record twice.
 *
 * @module
 */
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { recordEvent } from "../../shared/events/outbox.ts";
import { SessionLogged } from "./contracts.ts";
import type { Best } from "./records.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import type { SessionCursor } from "./schema.ts";
import { outbox, personalBests, type PersonalRecord, sessions } from "./tables.ts";

/** A stored session. */
export type SessionRow = typeof sessions.$inferSelect;

/** A session to store (its records are decided inside the transaction). */
export type NewSessionRow = Omit<SessionRow, "personalRecords">;

/** What the caller decides once the member's stored bests are locked. */
export interface LogDecision {
  records: PersonalRecord[];
  /** Bests to store (new baselines and beaten ones). */
  bests: Best[];
  event: SessionLogged;
}

/** Reads and writes of `workouts.sessions` (with `personal_bests` and `outbox`). */
export interface SessionRepository {
  /**
   * Stores `session` unless the member already has one with its client id.
   * When this call inserted it, `decide` gets the member's stored bests for
   * the session's exercises (locked until commit) and its decision is stored
   * in the same transaction. Otherwise the existing session is returned.
   */
  log(
    session: NewSessionRow,
    exerciseIds: readonly string[],
    decide: (stored: Best[]) => LogDecision,
  ): Promise<{ session: SessionRow; created: boolean }>;
  find(userId: string, id: string): Promise<SessionRow | undefined>;
  findByClientId(userId: string, clientId: string): Promise<SessionRow | undefined>;
  /** `userId`'s sessions with `from` ≤ started_at < `to`, newest first by (started_at, id). */
  list(
    userId: string,
    page: { from?: Date; to?: Date; limit: number; after?: SessionCursor },
  ): Promise<KeysetPage<SessionRow, SessionCursor>>;
}

/** Sessions over `db`. */
export function createSessionRepository(db: Database): SessionRepository {
  async function byClientId(userId: string, clientId: string): Promise<SessionRow | undefined> {
    const [row] = await db.select().from(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.clientId, clientId)));
    return row;
  }

  return {
    async log(session, exerciseIds, decide) {
      const logged = await db.transaction(async (tx) => {
        const [inserted] = await tx.insert(sessions)
          .values({ ...session, personalRecords: [] })
          .onConflictDoNothing({ target: [sessions.userId, sessions.clientId] })
          .returning();
        if (!inserted) return undefined;
        // Two different sessions of one member may arrive together (a phone
        // syncing its backlog): serialise them per member, or both could take
        // a first log of an exercise for the baseline, since `for update`
        // cannot lock rows that do not exist yet.
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtextextended(${`workouts.bests:${session.userId}`}, 0))`,
        );
        const stored = await tx.select({
          exerciseId: personalBests.exerciseId,
          kind: personalBests.kind,
          value: personalBests.value,
        }).from(personalBests)
          .where(and(
            eq(personalBests.userId, session.userId),
            inArray(personalBests.exerciseId, [...exerciseIds]),
          ))
          .for("update");
        const decision = decide(stored);
        if (decision.bests.length > 0) {
          await tx.insert(personalBests)
            .values(decision.bests.map((best) => ({
              userId: session.userId,
              ...best,
              sessionId: session.id,
              achievedAt: session.startedAt,
            })))
            .onConflictDoUpdate({
              target: [personalBests.userId, personalBests.exerciseId, personalBests.kind],
              set: {
                value: sql`excluded.value`,
                sessionId: sql`excluded.session_id`,
                achievedAt: sql`excluded.achieved_at`,
              },
            });
        }
        if (decision.records.length > 0) {
          await tx.update(sessions).set({ personalRecords: decision.records })
            .where(eq(sessions.id, session.id));
        }
        await recordEvent(tx, outbox, SessionLogged, decision.event, session.createdAt);
        return { ...inserted, personalRecords: decision.records };
      });
      if (logged) return { session: logged, created: true };
      // The conflicting insert waited for the winner's commit: its row is visible now.
      const existing = await byClientId(session.userId, session.clientId);
      if (!existing) throw new Error("Cannot log a session: its client id is taken but unreadable");
      return { session: existing, created: false };
    },

    findByClientId: byClientId,

    async find(userId, id) {
      const [row] = await db.select().from(sessions)
        .where(and(eq(sessions.id, id), eq(sessions.userId, userId)));
      return row;
    },

    list(userId, { from, to, limit, after }) {
      const query = (take: number) =>
        db.select({ session: sessions, at: cursorTimeOf(sessions.startedAt) })
          .from(sessions)
          .where(and(
            eq(sessions.userId, userId),
            from && gte(sessions.startedAt, from),
            to && lt(sessions.startedAt, to),
            after &&
              sql`(${sessions.startedAt}, ${sessions.id}) < (${after.at}::timestamptz, ${after.id})`,
          ))
          .orderBy(desc(sessions.startedAt), desc(sessions.id))
          .limit(take);
      return keysetPage(query, limit, {
        item: (row) => row.session,
        position: (last) => ({ at: last.at, id: last.session.id }),
      });
    },
  };
}
