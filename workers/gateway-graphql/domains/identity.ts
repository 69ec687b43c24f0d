/**
 * Identity in GraphQL: sign-up, login, tokens, the caller's profile and
 * closing the account, resolved by the auth and users workers' REST routes.
 *
 * Optimistic concurrency as over REST: `Profile.version` is the number in
 * the profile's ETag (`"7"` → 7), and `updateProfile`'s `expectedVersion` is
 * sent as `If-Match: "7"`, so a profile changed meanwhile is refused with
 * the REST answer, PRECONDITION_FAILED (412), and nothing is written.
 *
 * @module
 */
import type { ForwardedClients, Relay } from "../forwarded_clients.ts";
import { restBody } from "../rest_input.ts";
import { versionHeaders, withVersion } from "./profile_version.ts";

export const identitySdl = /* GraphQL */ `
  enum Units { metric imperial }
  enum Role { member admin }

  type User {
    id: ID!
    email: String!
    displayName: String!
  }

  "Tokens of a login. Access tokens live expiresIn seconds; refresh tokens are single-use."
  type AuthPayload {
    accessToken: String!
    refreshToken: String!
    tokenType: String!
    expiresIn: Int!
    user: User!
  }

  type Profile {
    id: ID!
    email: String!
    displayName: String!
    bio: String!
    units: Units!
    timezone: String!
    goals: [String!]!
    role: Role!
    "The profile's version, the number in its REST ETag; +1 on every change."
    version: Int!
    createdAt: String!
    updatedAt: String!
  }

  input RegisterInput { email: String!, password: String!, displayName: String! }
  input LoginInput { email: String!, password: String! }
  input RefreshTokenInput { refreshToken: String! }
  input LogoutInput { refreshToken: String! }
  input UpdateProfileInput {
    displayName: String
    bio: String
    units: Units
    timezone: String
    goals: [String!]
    "Sent as If-Match: refused with PRECONDITION_FAILED (412) when the profile is at another version."
    expectedVersion: Int
  }

  extend type Query {
    "The signed-in user's profile."
    me: Profile!
  }

  type Mutation {
    register(input: RegisterInput!): AuthPayload!
    login(input: LoginInput!): AuthPayload!
    refreshToken(input: RefreshTokenInput!): AuthPayload!
    "Ends the login of this refresh token; always true."
    logout(input: LogoutInput!): Boolean!
    updateProfile(input: UpdateProfileInput!): Profile!
    "Closes the signed-in member's account (as REST DELETE /v1/me); true once closed."
    deleteAccount: Boolean!
  }
`;

type Input = { input: Record<string, unknown> };

/** The identity resolvers of one request. */
export function identityResolvers(
  { auth, users }: Pick<ForwardedClients, "auth" | "users">,
  relay: Relay,
) {
  return {
    me: () => withVersion(relay, users.v1.me.$get()),
    register: ({ input }: Input) => relay(auth.v1.auth.register.$post({ json: restBody(input) })),
    login: ({ input }: Input) => relay(auth.v1.auth.login.$post({ json: restBody(input) })),
    refreshToken: ({ input }: Input) =>
      relay(auth.v1.auth.refresh.$post({ json: restBody(input) })),
    logout: async ({ input }: Input) => {
      await relay(auth.v1.auth.logout.$post({ json: restBody(input) }));
      return true;
    },
    updateProfile: ({ input }: Input) => {
      const { expectedVersion, ...changes } = input;
      const headers = versionHeaders(expectedVersion);
      return withVersion(relay, users.v1.me.$patch({ json: restBody(changes) }, { headers }));
    },
    deleteAccount: async () => {
      await relay(users.v1.me.$delete());
      return true;
    },
  };
}
