/**
 * What other workers may know of the users worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
import * as v from "valibot";
import { defineEvent, eventFields, type PayloadOf } from "../../shared/events/contract.ts";
export { usersProblems } from "./problems.ts";

/**
 * A profile changed. `version` is the profile's (1 when created, one more
 * with every change): a consumer that keeps a copy applies only a version
 * newer than the one it holds, so a late event never undoes a newer one.
 */
export const ProfileUpdated = defineEvent(
  "ProfileUpdated",
  v.object({
    userId: eventFields.id,
    displayName: eventFields.displayName,
    /** An IANA zone name. */
    timezone: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    version: eventFields.version,
    updatedAt: eventFields.instant,
  }),
);
export type ProfileUpdated = PayloadOf<typeof ProfileUpdated>;
