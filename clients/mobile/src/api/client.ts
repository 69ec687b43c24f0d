/**
 * The app's GraphQL client and login: one token keeper (shared logic, ../../shared/auth) over
 * the secure store, refreshing through the `refreshToken` mutation one call at a time.
 */
import { createGraphqlClient, GraphqlError } from "@fitconnect/clients-shared/graphql";
import {
  createTokenKeeper,
  type RefreshOutcome,
  type TokenPair,
} from "@fitconnect/clients-shared/auth";
import { apiUrl } from "../config";
import { appFetch } from "./network";
import { tokenStorage } from "./token_storage";
import { MobileRefreshDocument } from "../graphql/operations.generated";

/** An auth answer as a stored pair. */
export function pairOf(
  payload: { accessToken: string; refreshToken: string; expiresIn: number },
): TokenPair {
  return {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    expiresAt: Date.now() + payload.expiresIn * 1_000,
  };
}

/** No token: login, sign-up, refresh and logout themselves. */
export const anonymous = createGraphqlClient({ endpoint: `${apiUrl}/graphql`, fetch: appFetch });

async function refreshOnce(refreshToken: string): Promise<RefreshOutcome> {
  try {
    const { refreshToken: payload } = await anonymous.request(MobileRefreshDocument, {
      input: { refreshToken },
    });
    return { kind: "renewed", pair: pairOf(payload) };
  } catch (error) {
    if (error instanceof GraphqlError && !error.transient) return { kind: "refused" };
    return { kind: "unavailable" };
  }
}

/** The login of this app. */
export const tokens = createTokenKeeper({ storage: tokenStorage, refresh: refreshOnce });

/** Requests as the signed-in member (one refresh and retry on UNAUTHENTICATED). */
export const graphql = createGraphqlClient({
  endpoint: `${apiUrl}/graphql`,
  fetch: appFetch,
  accessToken: () => tokens.accessToken(),
  refresh: (rejected) => tokens.refresh(rejected),
});
