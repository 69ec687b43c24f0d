/**
 * What other workers may know of the auth worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
import * as v from "valibot";
import { defineEvent, eventFields, type PayloadOf } from "../../shared/events/contract.ts";
export { authProblems } from "./problems.ts";

/** An account was created. */
export const UserRegistered = defineEvent(
  "UserRegistered",
  v.object({
    userId: eventFields.id,
    email: v.pipe(v.string(), v.minLength(3), v.maxLength(254)),
    displayName: eventFields.displayName,
    registeredAt: eventFields.instant,
  }),
);
export type UserRegistered = PayloadOf<typeof UserRegistered>;

/**
 * An account was closed: every worker erases or anonymises what it holds of
 * the member. The last word on an account (no version: nothing follows it).
 */
export const UserDeleted = defineEvent(
  "UserDeleted",
  v.object({ userId: eventFields.id, deletedAt: eventFields.instant }),
);
export type UserDeleted = PayloadOf<typeof UserDeleted>;
