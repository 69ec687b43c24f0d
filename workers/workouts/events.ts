/**
 * Integration events the workouts worker publishes. Each is written to
 * `workouts.outbox` in the same transaction as the change it announces; a relay
 * publishes it later, so no event is lost and none announces a rolled-back change.
 *
 * @module
 */
import type { SessionLogged as SessionLoggedEvent } from "../../shared/events/catalog.ts";

/** The `type` of {@linkcode SessionLogged}. */
export const sessionLoggedType = "SessionLogged";

/** What consumers (notifications, analytics) learn when a member logs a session. */
export type SessionLoggedPayload = SessionLoggedEvent;

/** A member logged a new session (never emitted for an offline retry of one). */
export interface SessionLogged {
  /** Unique per event: consumers deduplicate by it. */
  id: string;
  type: typeof sessionLoggedType;
  payload: SessionLoggedPayload;
}

/** The event announcing `payload`, with a fresh id. */
export function sessionLogged(payload: SessionLoggedPayload): SessionLogged {
  return { id: crypto.randomUUID(), type: sessionLoggedType, payload };
}
