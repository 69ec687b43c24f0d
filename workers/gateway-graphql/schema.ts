/**
 * The GraphQL schema of the first-party apps, assembled from one SDL part per
 * domain so each later feature adds its own types and fields in its own file.
 *
 * @module
 */
import { buildSchema, type GraphQLSchema } from "graphql";
import { identitySdl } from "./domains/identity.ts";
import { workoutsSdl } from "./domains/workouts.ts";
import { progressSdl } from "./domains/progress.ts";
import { commerceSdl } from "./domains/commerce.ts";
import { adminSdl } from "./domains/admin.ts";
import { devicesSdl } from "./domains/devices.ts";

/** The platform's own part: health. Domains extend `Query` and `Mutation`. */
const platformSdl = /* GraphQL */ `
  "The state of the platform: ok only when every worker and its stores answer."
  type PlatformHealth {
    status: String!
    workers: [WorkerHealth!]!
  }

  type WorkerHealth {
    name: String!
    status: String!
  }

  type Query {
    health: PlatformHealth!
  }
`;

/** SDL parts, concatenated in order (later parts use `extend type Query`). */
export const sdlParts: readonly string[] = [
  platformSdl,
  identitySdl,
  workoutsSdl,
  progressSdl,
  commerceSdl,
  adminSdl,
  devicesSdl,
];

/** The executable schema (resolvers come from the root value, see ./resolvers.ts). */
export function buildGatewaySchema(): GraphQLSchema {
  return buildSchema(sdlParts.join("\n"));
}
