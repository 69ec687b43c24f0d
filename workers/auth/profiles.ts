/**
 * The users worker as the auth worker needs it: profiles are created at
 * registration, read for the `user` in token responses, and removed when an
 * account is closed.
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";

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

/** The users worker behind `binding`. */
export function profilesOverBinding(binding: ServiceBinding): ProfilesPort {
  const call = (method: string, userId: string, requestId: string, body?: unknown) =>
    binding.fetch(
      new Request(`http://users.internal/internal/profiles/${encodeURIComponent(userId)}`, {
        method,
        headers: { "content-type": "application/json", "x-request-id": requestId },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const refused = async (response: Response, method: string) => {
    await response.body?.cancel();
    return new Error(`users answered ${response.status} to ${method} profile`);
  };
  return {
    async create(userId, profile, requestId) {
      const response = await call("PUT", userId, requestId, profile);
      if (!response.ok) throw await refused(response, "PUT");
      await response.body?.cancel();
    },
    async get(userId, requestId) {
      const response = await call("GET", userId, requestId);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await refused(response, "GET");
      return await response.json() as ProfileSummary;
    },
    async remove(userId, requestId) {
      const response = await call("DELETE", userId, requestId);
      if (!response.ok && response.status !== 404) throw await refused(response, "DELETE");
      await response.body?.cancel();
    },
  };
}
