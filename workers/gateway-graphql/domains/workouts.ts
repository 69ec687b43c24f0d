/**
 * Workouts in GraphQL: the exercise catalog, plans and logged sessions,
 * resolved by the workouts worker's REST routes.
 *
 * @module
 */
import type { ServiceBinding } from "../../../shared/bindings/service_binding.ts";
import { pageArgs } from "../page_args.ts";
import { pathSegment as segment } from "../path_segment.ts";
import { withoutNulls, type WorkerCall } from "../worker_call.ts";

export const workoutsSdl = /* GraphQL */ `
  enum Level { beginner intermediate advanced }

  type Exercise {
    id: ID!
    name: String!
    category: String!
    primaryMuscles: [String!]!
    secondaryMuscles: [String!]!
    equipment: String!
    instructions: String!
  }
  type ExercisePage { items: [Exercise!]!, nextCursor: String }

  type PlanExercise { exerciseId: ID!, sets: Int!, reps: Int!, weightKg: Float, restSec: Int }
  type Workout {
    id: ID!
    name: String!
    description: String!
    level: Level!
    "Null for a public template."
    ownerId: ID
    exercises: [PlanExercise!]!
  }
  type WorkoutPage { items: [Workout!]!, nextCursor: String }

  type LoggedSet { reps: Int, weightKg: Float, durationSec: Int, distanceM: Float, rpe: Float }
  type LoggedEntry { exerciseId: ID!, sets: [LoggedSet!]! }
  type PersonalRecord { exerciseId: ID!, kind: String!, value: Float! }
  type Session {
    id: ID!
    clientId: String!
    workoutId: ID
    startedAt: String!
    endedAt: String
    notes: String!
    entries: [LoggedEntry!]!
    volumeKg: Float!
    personalRecords: [PersonalRecord!]!
    createdAt: String!
  }
  type SessionPage { items: [Session!]!, nextCursor: String }

  input PlanExerciseInput { exerciseId: ID!, sets: Int!, reps: Int!, weightKg: Float, restSec: Int }
  input CreateWorkoutInput {
    name: String!
    description: String
    level: Level
    exercises: [PlanExerciseInput!]!
  }
  input LoggedSetInput { reps: Int, weightKg: Float, durationSec: Int, distanceM: Float, rpe: Float }
  input LoggedEntryInput { exerciseId: ID!, sets: [LoggedSetInput!]! }
  input LogSessionInput {
    "Chosen by the client: sending the same one again returns the original session."
    clientId: String
    workoutId: ID
    startedAt: String!
    endedAt: String
    notes: String
    entries: [LoggedEntryInput!]!
  }

  extend type Query {
    exercises(q: String, muscle: String, equipment: String, category: String, limit: Int, cursor: String): ExercisePage!
    exercise(id: ID!): Exercise
    workouts(limit: Int, cursor: String): WorkoutPage!
    workout(id: ID!): Workout
    sessions(from: String, to: String, limit: Int, cursor: String): SessionPage!
    session(id: ID!): Session
  }

  extend type Mutation {
    createWorkout(input: CreateWorkoutInput!): Workout!
    logSession(input: LogSessionInput!): Session!
  }
`;

/** `/path?a=1&b=2` with only the arguments that were given. */
export function withQuery(path: string, args: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The workouts resolvers of one request. */
export function workoutsResolvers(call: WorkerCall, peers: { workouts: ServiceBinding }) {
  const workouts = peers.workouts;
  return {
    exercises: (args: Record<string, unknown>) =>
      call(workouts, "GET", withQuery("/v1/exercises", pageArgs(args))),
    exercise: ({ id }: { id: string }) => call(workouts, "GET", `/v1/exercises/${segment(id)}`),
    workouts: (args: Record<string, unknown>) =>
      call(workouts, "GET", withQuery("/v1/workouts", pageArgs(args))),
    workout: ({ id }: { id: string }) => call(workouts, "GET", `/v1/workouts/${segment(id)}`),
    sessions: (args: Record<string, unknown>) =>
      call(workouts, "GET", withQuery("/v1/sessions", pageArgs(args))),
    session: ({ id }: { id: string }) => call(workouts, "GET", `/v1/sessions/${segment(id)}`),
    createWorkout: ({ input }: { input: Record<string, unknown> }) =>
      call(workouts, "POST", "/v1/workouts", withoutNulls(input)),
    logSession: ({ input }: { input: Record<string, unknown> }) =>
      call(workouts, "POST", "/v1/sessions", withoutNulls(input)),
  };
}
