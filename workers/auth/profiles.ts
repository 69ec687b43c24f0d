/**
 * The users worker as the auth worker needs it: profiles are created at
 * registration, read for the `user` in token responses, and removed when an
 * account is closed. Calls go through the users worker's typed client.
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { answerOf } from "../../shared/bindings/worker_client.ts";
import { createUsersClient } from "../users/client.ts";

/** A profile as auth responses need it. */
export interface ProfileSummary {
  email: string;
  displayName: string;
}

/** What auth asks of the users worker. */
export interface ProfilesPort {
  create(userId: string, profile: ProfileSummary, requestId: string): Promise<void>;
  /** The profile, or null when there is none (an account half-way through being closed). */
  get(userId: string, requestId: string): Promise<ProfileSummary | null>;
  /** Deletes the profile; one already gone counts as done, so a retried closing finishes. */
  remove(userId: string, requestId: string): Promise<void>;
}

/** The users worker behind `binding`. Any answer but the ones named throws. */
export function profilesOverBinding(binding: ServiceBinding): ProfilesPort {
  const profile = (requestId: string) =>
    createUsersClient(binding, { requestId }).internal.profiles[":userId"];
  const one = (userId: string) => ({ param: { userId: encodeURIComponent(userId) } });
  return {
    async create(userId, summary, requestId) {
      await answerOf(await profile(requestId).$put({ ...one(userId), json: summary }), []);
    },
    async get(userId, requestId) {
      const answer = await answerOf(await profile(requestId).$get(one(userId)), [404]);
      return answer.ok
        ? { email: answer.value.email, displayName: answer.value.displayName }
        : null;
    },
    async remove(userId, requestId) {
      await answerOf(await profile(requestId).$delete(one(userId)), [404]);
    },
  };
}
