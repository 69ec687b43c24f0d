/**
 * Logging and reading sessions: validation that needs the clock or the
 * database, volume and the achievements that may be personal records
 * (./records.ts), and the `SessionLogged` event, all stored in one statement
 * by the repository (which decides the records against the stored bests).
 *
 * @module
 */
import { type FieldError, Problem } from "../../shared/http/problem.ts";
import { workoutsProblems } from "./problems.ts";
import { sessionBests, sessionVolume } from "./records.ts";
import type { NewSession, SessionCursor, SessionQuery } from "./schema.ts";
import { isPathId } from "../../shared/http/path_id.ts";
import type { SessionRow } from "./session_repository.ts";
import { invalidBody, isVisible } from "./policy.ts";
import type { KeysetPage } from "../../shared/stores/postgres/keyset_page.ts";
import type { WorkoutsServiceDeps } from "./service_deps.ts";

/** How far ahead of the server's clock a session may start (time zones, skewed phone clocks). */
const maxFutureMs = 24 * 60 * 60_000;

/** The session use cases. */
export interface SessionService {
  /**
   * Logs a session of `userId`'s; `created` is false when one with the same
   * client id existed (an offline retry), which is then answered unchanged.
   */
  logSession(userId: string, input: NewSession): Promise<{ session: SessionRow; created: boolean }>;
  listSessions(userId: string, query: SessionQuery): Promise<KeysetPage<SessionRow, SessionCursor>>;
  /** 404 SESSION_NOT_FOUND unless it is the member's own. */
  getSession(userId: string, id: string): Promise<SessionRow>;
}

/** The session use cases over `deps`. */
export function createSessionService(
  deps: WorkoutsServiceDeps,
): SessionService {
  const { repository, now } = deps;
  const { sessions } = repository;

  /** The rules that need the clock or a plan (cached), as field errors. */
  async function ownErrors(userId: string, input: NewSession, at: Date): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const latest = at.getTime() + maxFutureMs;
    if (input.startedAt.getTime() > latest) {
      errors.push({
        pointer: "/startedAt",
        detail: "must not be more than 24 hours in the future",
      });
    }
    if (input.endedAt && input.endedAt.getTime() > latest) {
      errors.push({ pointer: "/endedAt", detail: "must not be more than 24 hours in the future" });
    }
    if (input.workoutId) {
      const plan = await repository.plans.find(input.workoutId);
      if (!isVisible(plan, userId)) {
        errors.push({ pointer: "/workoutId", detail: "is not a workout you can see" });
      }
    }
    return errors;
  }

  /** The entries whose exercise is not in the catalog, as field errors. */
  async function catalogErrors(input: NewSession): Promise<FieldError[]> {
    const unknown = await repository.catalog.unknownIds(
      input.entries.map((entry) => entry.exerciseId),
    );
    return input.entries.flatMap(({ exerciseId }, index) =>
      unknown.has(exerciseId)
        ? [{ pointer: `/entries/${index}/exerciseId`, detail: "is not an exercise of the catalog" }]
        : []
    );
  }

  /** Stores the session; undefined when an exercise is not in the catalog. */
  function store(userId: string, input: NewSession, at: Date) {
    const id = crypto.randomUUID();
    const clientId = input.clientId ?? id;
    const exerciseIds = [...new Set(input.entries.map((entry) => entry.exerciseId))];
    const volumeKg = sessionVolume(input.entries);
    return sessions.log(
      {
        id,
        userId,
        clientId,
        workoutId: input.workoutId ?? null,
        startedAt: input.startedAt,
        endedAt: input.endedAt ?? null,
        notes: input.notes,
        entries: input.entries,
        volumeKg,
        createdAt: at,
      },
      sessionBests(input.entries),
      {
        sessionId: id,
        userId,
        clientId,
        startedAt: input.startedAt.toISOString(),
        endedAt: input.endedAt?.toISOString() ?? null,
        volumeKg,
        exerciseIds,
      },
    );
  }

  return {
    async logSession(userId, input) {
      const at = now();
      const errors = await ownErrors(userId, input, at);
      // The catalog check is part of the statement that stores the session (one round
      // trip); only an invalid session pays for a second look that says what is wrong.
      const logged = errors.length === 0 ? await store(userId, input, at) : undefined;
      if (logged) {
        // A retry that found its session already logged sets nothing new.
        if (logged.created) deps.sessionLogged?.(logged.session.personalRecords.length);
        return logged;
      }
      errors.push(...await catalogErrors(input));
      // A retry of a session logged before its plan was deleted still gets the original.
      const existing = input.clientId && await sessions.findByClientId(userId, input.clientId);
      if (existing) return { session: existing, created: false };
      if (errors.length === 0) {
        throw new Error("Cannot log a session: the catalog changed while it was checked");
      }
      throw invalidBody(errors);
    },

    listSessions(userId, { from, to, limit, cursor }) {
      return sessions.list(userId, { from, to, limit, after: cursor });
    },

    async getSession(userId, id) {
      const session = isPathId(id) ? await sessions.find(userId, id) : undefined;
      if (!session) {
        throw new Problem(
          workoutsProblems.SESSION_NOT_FOUND,
          "There is no session of yours with this id.",
        );
      }
      return session;
    },
  };
}
