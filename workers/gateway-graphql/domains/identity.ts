/**
 * Identity in GraphQL: sign-up, login, tokens and the caller's profile,
 * resolved by the auth and users workers' REST routes.
 *
 * @module
 */
import type { ServiceBinding } from "../../../shared/bindings/service_binding.ts";
import { withoutNulls, type WorkerCall } from "../worker_call.ts";

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

type Input<T> = { input: T };

/** The identity resolvers of one request. */
export function identityResolvers(
  call: WorkerCall,
  peers: { auth: ServiceBinding; users: ServiceBinding },
) {
  return {
    me: () => call(peers.users, "GET", "/v1/me"),
    register: ({ input }: Input<Record<string, unknown>>) =>
      call(peers.auth, "POST", "/v1/auth/register", input),
    login: ({ input }: Input<Record<string, unknown>>) =>
      call(peers.auth, "POST", "/v1/auth/login", input),
    refreshToken: ({ input }: Input<Record<string, unknown>>) =>
      call(peers.auth, "POST", "/v1/auth/refresh", input),
    logout: async ({ input }: Input<Record<string, unknown>>) => {
      await call(peers.auth, "POST", "/v1/auth/logout", input);
      return true;
    },
    updateProfile: ({ input }: Input<Record<string, unknown>>) =>
      call(peers.users, "PATCH", "/v1/me", withoutNulls(input)),
  };
}
