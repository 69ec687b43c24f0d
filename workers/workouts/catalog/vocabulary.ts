/**
 * The closed vocabularies of the exercise catalog: every exercise's category,
 * equipment and muscles come from these lists, so filters such as
 * `GET /v1/exercises?muscle=` can validate against them.
 *
 * @module
 */

/** What kind of training an exercise is. */
export const categories = ["strength", "cardio", "mobility", "plyometric", "olympic"] as const;

/** One of {@linkcode categories}. */
export type Category = typeof categories[number];

/** The main piece of equipment an exercise needs (`other`: boxes, sleds, ropes, balls). */
export const equipment = [
  "barbell",
  "dumbbell",
  "machine",
  "cable",
  "bodyweight",
  "kettlebell",
  "band",
  "cardio_machine",
  "other",
] as const;

/** One of {@linkcode equipment}. */
export type Equipment = typeof equipment[number];

/** Muscle groups, as a coach names them; `cardiovascular` for conditioning work. */
export const muscles = [
  "chest",
  "lats",
  "upper_back",
  "traps",
  "lower_back",
  "front_delts",
  "side_delts",
  "rear_delts",
  "biceps",
  "triceps",
  "forearms",
  "abs",
  "obliques",
  "glutes",
  "quadriceps",
  "hamstrings",
  "calves",
  "adductors",
  "abductors",
  "hip_flexors",
  "cardiovascular",
] as const;

/** One of {@linkcode muscles}. */
export type Muscle = typeof muscles[number];

/** Who a workout plan is written for. */
export const levels = ["beginner", "intermediate", "advanced"] as const;

/** One of {@linkcode levels}. */
export type Level = typeof levels[number];
