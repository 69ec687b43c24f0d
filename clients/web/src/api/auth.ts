/**
 * Sign up and log in on the REST endpoints (`/v1/auth/*`), in the session mode of
 * ./refresh.ts; tokens go to ./refresh.ts and ./session.ts (or, the refresh token, to the
 * `HttpOnly` cookie), never to storage.
 *
 * @module
 */
import { sendJson } from "./http.ts";
import { adoptLogin, sessionModeHeaders } from "./refresh.ts";
import type { AuthPayload, Session } from "./session.ts";

/** What sign-up sends. */
export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
}

/** What log-in sends. */
export interface LogInInput {
  email: string;
  password: string;
}

/** Creates the account and signs in; throws ProblemError (422 with pointers, 409 EMAIL_TAKEN). */
export async function signUp(input: SignUpInput): Promise<Session> {
  return adoptLogin(
    await sendJson<AuthPayload>("/v1/auth/register", {
      method: "POST",
      body: input,
      headers: sessionModeHeaders(),
    }),
  );
}

/** Signs in; throws ProblemError (401 INVALID_CREDENTIALS, 429 with Retry-After). */
export async function logIn(input: LogInInput): Promise<Session> {
  return adoptLogin(
    await sendJson<AuthPayload>("/v1/auth/login", {
      method: "POST",
      body: input,
      headers: sessionModeHeaders(),
    }),
  );
}

export { endSession as logOut } from "./refresh.ts";
