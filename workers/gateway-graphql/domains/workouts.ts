/**
 * Workouts in GraphQL: the exercise catalog, plans and logged sessions,
 * resolved by the workouts worker's REST routes; the exercise an entry names
 * is loaded in batches (./exercise_loader.ts).
 *
 * @module
 */
import type { ForwardedClients, Relay } from "../forwarded_clients.ts";
import { pageArgs } from "../page_args.ts";
import { exerciseLoader, withExercise } from "./exercise_loader.ts";
import { pathSegment as segment } from "../path_segment.ts";
import { restBody, restQuery } from "../rest_input.ts";

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

  type PlanExercise {
    exerciseId: ID!
    "The exercise of the catalog (read in batches: one worker call per level of the query)."
    exercise: Exercise
    sets: Int!
    reps: Int!
    weightKg: Float
    restSec: Int
  }
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
  type LoggedEntry {
    exerciseId: ID!
    "The exercise of the catalog, read in batches as PlanExercise.exercise."
    exercise: Exercise
    sets: [LoggedSet!]!
  }
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
  "Only the fields to change; exercises, when given, replace the plan's list."
  input UpdateWorkoutInput {
    name: String
    description: String
    level: Level
    exercises: [PlanExerciseInput!]
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
    "Changes one of the member's own plans: a template is FORBIDDEN, another's plan WORKOUT_NOT_FOUND."
    updateWorkout(id: ID!, input: UpdateWorkoutInput!): Workout!
    "Deletes one of the member's own plans (refused as updateWorkout is); true once deleted."
    deleteWorkout(id: ID!): Boolean!
    logSession(input: LogSessionInput!): Session!
  }
`;

type Args = Record<string, unknown>;
type Loader = ReturnType<typeof exerciseLoader>;

/** A plan whose exercises can resolve `exercise`. */
function planOf<P extends { exercises: { exerciseId: string }[] }>(loader: Loader, plan: P) {
  return { ...plan, exercises: plan.exercises.map((entry) => withExercise(loader, entry)) };
}

/** A session whose entries can resolve `exercise`. */
function sessionOf<S extends { entries: { exerciseId: string }[] }>(loader: Loader, session: S) {
  return { ...session, entries: session.entries.map((entry) => withExercise(loader, entry)) };
}

function pageOf<T, R>(page: { items: T[]; nextCursor: string | null }, item: (t: T) => R) {
  return { ...page, items: page.items.map(item) };
}

/** The workouts resolvers of one request. */
export function workoutsResolvers(clients: Pick<ForwardedClients, "workouts">, relay: Relay) {
  const { exercises, workouts: plans, sessions } = clients.workouts.v1;
  const loader = exerciseLoader(clients, relay);
  const plan = <P extends { exercises: { exerciseId: string }[] }>(p: P) => planOf(loader, p);
  const session = <S extends { entries: { exerciseId: string }[] }>(s: S) => sessionOf(loader, s);
  return {
    exercises: (args: Args) => relay(exercises.$get({ query: restQuery(pageArgs(args)) })),
    exercise: ({ id }: { id: string }) =>
      relay(exercises[":id"].$get({ param: { id: segment(id) } })),
    workouts: async (args: Args) =>
      pageOf(await relay(plans.$get({ query: restQuery(pageArgs(args)) })), plan),
    workout: async ({ id }: { id: string }) =>
      plan(await relay(plans[":id"].$get({ param: { id: segment(id) } }))),
    sessions: async (args: Args) =>
      pageOf(await relay(sessions.$get({ query: restQuery(pageArgs(args)) })), session),
    session: async ({ id }: { id: string }) =>
      session(await relay(sessions[":id"].$get({ param: { id: segment(id) } }))),
    createWorkout: async ({ input }: { input: Args }) =>
      plan(await relay(plans.$post({ json: restBody(input) }))),
    updateWorkout: async ({ id, input }: { id: string; input: Args }) =>
      plan(await relay(plans[":id"].$patch({ param: { id: segment(id) }, json: restBody(input) }))),
    deleteWorkout: async ({ id }: { id: string }) => {
      await relay(plans[":id"].$delete({ param: { id: segment(id) } }));
      return true;
    },
    logSession: async ({ input }: { input: Args }) =>
      session(await relay(sessions.$post({ json: restBody(input) }))),
  };
}
