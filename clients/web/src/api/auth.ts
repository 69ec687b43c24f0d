/**
 * Sign up and log in on the REST endpoints (`/v1/auth/*`); tokens go to ./refresh.ts and
 * ./session.ts, never to storage.
 *
 * @module
 */
import { sendJson } from "./http.ts";
import { adoptLogin } from "./refresh.ts";
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
    await sendJson<AuthPayload>("/v1/auth/register", { method: "POST", body: input }),
  );
}

/** Signs in; throws ProblemError (401 INVALID_CREDENTIALS, 429 with Retry-After). */
export async function logIn(input: LogInInput): Promise<Session> {
  return adoptLogin(await sendJson<AuthPayload>("/v1/auth/login", { method: "POST", body: input }));
}

export { endSession as logOut } from "./refresh.ts";
