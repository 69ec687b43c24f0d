/**
 * The users worker as the auth worker needs it: profiles are created at
 * registration and read for the `user` in token responses.
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
  get(userId: string, requestId: string): Promise<ProfileSummary>;
}

/** The users worker behind `binding`. */
export function profilesOverBinding(binding: ServiceBinding): ProfilesPort {
  const call = async (method: string, userId: string, requestId: string, body?: unknown) => {
    const response = await binding.fetch(
      new Request(`http://users.internal/internal/profiles/${encodeURIComponent(userId)}`, {
        method,
        headers: { "content-type": "application/json", "x-request-id": requestId },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`users answered ${response.status} to ${method} profile`);
    }
    return await response.json() as ProfileSummary;
  };
  return {
    async create(userId, profile, requestId) {
      await call("PUT", userId, requestId, profile);
    },
    get: (userId, requestId) => call("GET", userId, requestId),
  };
}
