/**
 * What the workouts routes answer, as schemas for the OpenAPI document
 * (./route_docs.ts). ./routes.ts builds the same shapes by type.
 *
 * @module
 */
import * as v from "valibot";
import { id, instant, named, pageOf } from "../../shared/http/openapi/wire.ts";
import { categories, equipment, levels, muscles } from "./catalog/vocabulary.ts";

export const exerciseResponse = named(
  "Exercise",
  v.object({
    id,
    name: v.string(),
    category: v.picklist(categories),
    primaryMuscles: v.array(v.picklist(muscles)),
    secondaryMuscles: v.array(v.picklist(muscles)),
    equipment: v.picklist(equipment),
    instructions: v.string(),
  }),
  {
    id: "barbell-back-squat",
    name: "Barbell Back Squat",
    category: "strength",
    primaryMuscles: ["quads", "glutes"],
    secondaryMuscles: ["hamstrings", "lower_back"],
    equipment: "barbell",
    instructions: "Brace, sit down between the hips, drive up.",
  },
);

const planExercise = v.object({
  exerciseId: id,
  sets: v.number(),
  reps: v.number(),
  weightKg: v.optional(v.number()),
  restSec: v.optional(v.number()),
});

export const planResponse = named(
  "WorkoutPlan",
  v.object({
    id,
    name: v.string(),
    description: v.string(),
    level: v.picklist(levels),
    ownerId: v.pipe(v.nullable(id), v.description("Null for a public template.")),
    exercises: v.array(planExercise),
    createdAt: instant,
    updatedAt: instant,
  }),
);

const loggedSet = v.object({
  reps: v.optional(v.number()),
  weightKg: v.optional(v.number()),
  durationSec: v.optional(v.number()),
  distanceM: v.optional(v.number()),
  rpe: v.optional(v.number()),
});

export const personalRecordResponse = named(
  "PersonalRecord",
  v.object({
    exerciseId: id,
    kind: v.picklist(["max_weight", "max_reps", "max_volume", "estimated_1rm"]),
    value: v.number(),
  }),
);

export const sessionResponse = named(
  "Session",
  v.object({
    id,
    clientId: id,
    workoutId: v.nullable(id),
    startedAt: instant,
    endedAt: v.nullable(instant),
    notes: v.string(),
    entries: v.array(v.object({ exerciseId: id, sets: v.array(loggedSet) })),
    volumeKg: v.number(),
    personalRecords: v.array(personalRecordResponse),
    createdAt: instant,
  }),
);

export const exercisePage = pageOf("ExercisePage", exerciseResponse);
export const planPage = pageOf("WorkoutPlanPage", planResponse);
export const sessionPage = pageOf("SessionPage", sessionResponse);
