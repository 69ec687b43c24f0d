/**
 * What other workers may know of the workouts worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
import * as v from "valibot";
import { defineEvent, eventFields, type PayloadOf } from "../../shared/events/contract.ts";
export { workoutsProblems } from "./problems.ts";
/** The words the API filters exercises and plans by (clients build their filter lists from them). */
export * as vocabulary from "./catalog/vocabulary.ts";

/** A record a session broke. */
const personalRecord = v.object({
  exerciseId: eventFields.id,
  kind: v.picklist(["max_weight", "max_reps", "max_volume", "estimated_1rm"]),
  value: v.pipe(v.number(), v.finite()),
});

/**
 * A member logged a new session (never for an offline retry of one). A
 * session is logged once and never changes: no version.
 */
export const SessionLogged = defineEvent(
  "SessionLogged",
  v.object({
    sessionId: eventFields.id,
    userId: eventFields.id,
    clientId: eventFields.id,
    startedAt: eventFields.instant,
    /** Null when the client did not say. */
    endedAt: v.nullable(eventFields.instant),
    volumeKg: v.pipe(v.number(), v.finite()),
    /** The records this session broke (none for a first log of an exercise). */
    personalRecords: v.array(personalRecord),
    /** Each exercise of the session once, in the order first logged. */
    exerciseIds: v.array(eventFields.id),
  }),
);
export type SessionLogged = PayloadOf<typeof SessionLogged>;
