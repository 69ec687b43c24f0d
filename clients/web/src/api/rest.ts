/**
 * REST calls as the signed-in member (`/v1/...`), refreshing the access token once on a 401.
 * Used only by ./bridge, for what the GraphQL gateway does not offer yet.
 *
 * @module
 */
import { sendJson, type SendOptions } from "./http.ts";
import { ProblemError } from "./problem.ts";
import { refreshSession } from "./refresh.ts";
import { accessToken } from "./session.ts";

/** `sendJson` with the member's access token. */
export async function rest<T>(path: string, options: SendOptions = {}): Promise<T> {
  try {
    return await sendJson<T>(path, { ...options, accessToken: accessToken() });
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status !== 401 || !await refreshSession()) {
      throw error;
    }
    return await sendJson<T>(path, { ...options, accessToken: accessToken() });
  }
}

/** A path segment, escaped. */
export const segment = (value: string) => encodeURIComponent(value);
