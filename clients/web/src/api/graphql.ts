/**
 * The app's GraphQL client (same origin `/graphql`), with the in-memory access token and one
 * refresh on a 401.
 *
 * @module
 */
import { createGraphqlClient, type GraphqlClient } from "@fitconnect/clients-shared/graphql";
import { refreshSession } from "./refresh.ts";
import { accessToken } from "./session.ts";

/** The gateway, as the signed-in member (or anonymous). */
export const graphql: GraphqlClient = createGraphqlClient({
  endpoint: "/graphql",
  accessToken,
  refresh: refreshSession,
});
