/**
 * Logged sessions, personal bests and the outbox through drizzle.
 *
 * Logging is one statement, so one round trip to the database (what decides
 * latency for an edge worker far from it), and atomic like a transaction:
 *
 * 1. `retry`: a session with the same client id the statement can see (an
 *    offline retry after the first one committed) makes the statement write
 *    nothing and answer that session.
 * 2. `known`: an exercise missing from the catalog makes it write nothing
 *    and answer nothing (the caller then says which, off the hot path).
 * 3. `bests`: otherwise the session's achievements are upserted into the
 *    member's bests; a row is written when it is new (a baseline) or
 *    strictly beats the stored value (a record). The upsert takes the row
 *    locks, and a concurrent session of the same member that wrote the same
 *    rows is waited for and compared against, so two sessions synced
 *    together cannot both take a baseline or report the same record. Rows
 *    are written in (exercise, kind) order, so such sessions lock in the
 *    same order and never deadlock.
 * 4. `logged`: the session, with the records it broke. Its plain insert is
 *    where a concurrent copy of the same offline retry loses: the unique
 *    index (user_id, client_id), not a check, waits for the winner's commit
 *    and fails the loser's statement, undoing its bests; the loser then
 *    reads the winner's session. So a retry never reports a record twice.
 * 5. `event`: the `SessionLogged` outbox row, with the same records, only
 *    when the session was inserted.
 *
 * @module
 */
import { and, desc, eq, getTableColumns, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { outboxRow } from "../../shared/events/outbox.ts";
import { SessionLogged } from "./contracts.ts";
import type { Best } from "./records.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import type { SessionCursor } from "./schema.ts";
import { sessions } from "./tables.ts";

/** A stored session. */
export type SessionRow = typeof sessions.$inferSelect;

/** A session to store (its records are decided by the statement). */
export type NewSessionRow = Omit<SessionRow, "personalRecords">;

/** Reads and writes of `workouts.sessions` (with `personal_bests` and `outbox`). */
export interface SessionRepository {
  /**
   * Stores `session` unless the member already has one with its client id
   * (then that one is returned, `created` false). With it, the member's
   * bests among `achieved` (the session's achievements), the records it
   * broke (`personalRecords`, in the order of `achieved`), and `event` (the
   * `SessionLogged` payload, its `personalRecords` filled in here).
   * Undefined, storing nothing, when one of `event.exerciseIds` is not in
   * the catalog.
   */
  log(
    session: NewSessionRow,
    achieved: readonly Best[],
    event: Omit<SessionLogged, "personalRecords">,
  ): Promise<{ session: SessionRow; created: boolean } | undefined>;
  find(userId: string, id: string): Promise<SessionRow | undefined>;
  findByClientId(userId: string, clientId: string): Promise<SessionRow | undefined>;
  /** `userId`'s sessions with `from` ≤ started_at < `to`, newest first by (started_at, id). */
  list(
    userId: string,
    page: { from?: Date; to?: Date; limit: number; after?: SessionCursor },
  ): Promise<KeysetPage<SessionRow, SessionCursor>>;
}

const sessionColumns = Object.entries(getTableColumns(sessions));

/** A `sessions` row as the raw statement returns it (database column names) → drizzle's. */
function sessionOf(raw: Record<string, unknown>): SessionRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of sessionColumns) {
    const value = raw[column.name];
    row[key] = value === null ? null : column.mapFromDriverValue(value);
  }
  return row as SessionRow;
}

/** True for the unique violation of (user_id, client_id), however the driver wraps it. */
function isClientIdTaken(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (code === "23505") return constraint === "sessions_user_id_client_id_key";
  }
  return false;
}

/** Sessions over `db`. */
export function createSessionRepository(db: Database): SessionRepository {
  async function byClientId(userId: string, clientId: string): Promise<SessionRow | undefined> {
    const [row] = await db.select().from(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.clientId, clientId)));
    return row;
  }

  return {
    async log(session, achieved, event) {
      // Checked against its contract with every achievement as a record: the
      // records the statement keeps are a subset, so the stored payload holds too.
      const row = outboxRow(SessionLogged, { ...event, personalRecords: [...achieved] });
      const achievedJson = JSON.stringify(achieved.map((best, ord) => ({ ord, ...best })));
      const exerciseIdsJson = JSON.stringify(event.exerciseIds);
      const entriesJson = JSON.stringify(session.entries);
      const payloadJson = JSON.stringify(row.payload);
      const { userId, clientId } = session;
      const at = (date: Date | null) => date?.toISOString() ?? null;
      try {
        const { rows } = await db.execute<Record<string, unknown>>(sql`
          with achieved as (
            select * from jsonb_to_recordset(${achievedJson}::jsonb)
              as a(ord int, "exerciseId" text, kind text, value float8)
          ),
          retry as (
            select * from workouts.sessions where user_id = ${userId} and client_id = ${clientId}
          ),
          known as (
            select count(*) = ${event.exerciseIds.length} as every from workouts.exercises
            where id in (select jsonb_array_elements_text(${exerciseIdsJson}::jsonb))
          ),
          bests as (
            insert into workouts.personal_bests as stored
              (user_id, exercise_id, kind, value, session_id, achieved_at)
            select ${userId}, a."exerciseId", a.kind, a.value, ${session.id},
              ${at(session.startedAt)}::timestamptz
            from achieved a
            where not exists (select from retry) and (select every from known)
            order by a."exerciseId", a.kind
            on conflict (user_id, exercise_id, kind) do update
              set value = excluded.value, session_id = excluded.session_id,
                achieved_at = excluded.achieved_at
              where round(stored.value::numeric, 2) < excluded.value::numeric
            -- xmax is 0 on a row this insert created (a baseline), set on one it updated.
            returning stored.exercise_id, stored.kind, not (stored.xmax = 0) as beaten
          ),
          records as (
            select coalesce(
              jsonb_agg(
                jsonb_build_object('exerciseId', a."exerciseId", 'kind', a.kind, 'value', a.value)
                order by a.ord
              ) filter (where b.beaten),
              '[]'::jsonb
            ) as list
            from bests b join achieved a on a."exerciseId" = b.exercise_id and a.kind = b.kind
          ),
          logged as (
            insert into workouts.sessions (id, user_id, client_id, workout_id, started_at,
              ended_at, notes, entries, volume_kg, personal_records, created_at)
            select ${session.id}, ${userId}, ${clientId}, ${session.workoutId},
              ${at(session.startedAt)}::timestamptz, ${at(session.endedAt)}::timestamptz,
              ${session.notes}, ${entriesJson}::jsonb, ${session.volumeKg}::float8,
              records.list, ${at(session.createdAt)}::timestamptz
            from records
            where not exists (select from retry) and (select every from known)
            returning *
          ),
          event as (
            insert into workouts.outbox (id, type, payload, created_at)
            select ${row.id}, ${row.type},
              jsonb_set(${payloadJson}::jsonb, '{personalRecords}', records.list),
              ${at(session.createdAt)}::timestamptz
            from records, logged
          )
          select logged.*, true as created from logged
          union all
          select retry.*, false as created from retry
        `);
        const [found] = rows;
        if (!found) return undefined;
        return { session: sessionOf(found), created: found.created === true };
      } catch (error) {
        if (!isClientIdTaken(error)) throw error;
        // A concurrent copy of this retry committed first; its row is visible now.
      }
      const existing = await byClientId(userId, clientId);
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
