/**
 * Identity in GraphQL: sign-up, login, tokens and the caller's profile,
 * resolved by the auth and users workers' REST routes.
 *
 * @module
 */
import type { ForwardedClients, Relay } from "../forwarded_clients.ts";
import { restBody } from "../rest_input.ts";

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
  }
`;

type Input = { input: Record<string, unknown> };

/** The identity resolvers of one request. */
export function identityResolvers(
  { auth, users }: Pick<ForwardedClients, "auth" | "users">,
  relay: Relay,
) {
  return {
    me: () => relay(users.v1.me.$get()),
    register: ({ input }: Input) => relay(auth.v1.auth.register.$post({ json: restBody(input) })),
    login: ({ input }: Input) => relay(auth.v1.auth.login.$post({ json: restBody(input) })),
    refreshToken: ({ input }: Input) =>
      relay(auth.v1.auth.refresh.$post({ json: restBody(input) })),
    logout: async ({ input }: Input) => {
      await relay(auth.v1.auth.logout.$post({ json: restBody(input) }));
      return true;
    },
    updateProfile: ({ input }: Input) => relay(users.v1.me.$patch({ json: restBody(input) })),
  };
}
