/** Sign up, log in, log out and close the account. */
import { anonymous, graphql, pairOf, tokens } from "./client";
import {
  MobileDeleteAccountDocument,
  MobileLoginDocument,
  MobileLogoutDocument,
  MobileRegisterDocument,
} from "../graphql/operations.generated";

/** Signs in; throws GraphqlError (INVALID_CREDENTIALS, 429 …). */
export async function logIn(email: string, password: string): Promise<void> {
  const { login } = await anonymous.request(MobileLoginDocument, { input: { email, password } });
  await tokens.adopt(pairOf(login));
}

/** Creates the account and signs in; throws GraphqlError (EMAIL_TAKEN, validation). */
export async function signUp(email: string, password: string, displayName: string) {
  const { register } = await anonymous.request(MobileRegisterDocument, {
    input: { email, password, displayName },
  });
  await tokens.adopt(pairOf(register));
}

/** Ends the login on the server (best effort) and on the device (always). */
export async function logOut(): Promise<void> {
  const refreshToken = tokens.refreshToken();
  await tokens.forget();
  if (!refreshToken) return;
  await anonymous.request(MobileLogoutDocument, { input: { refreshToken } }).catch(() => {});
}

/** Closes the account on the server, then forgets the login. */
export async function deleteAccount(): Promise<void> {
  await graphql.request(MobileDeleteAccountDocument);
  await tokens.forget();
}
