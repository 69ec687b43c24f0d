/**
 * The seeded exercise catalog (./exercises.json): real exercises with the
 * coaching cues a member sees in the app. Ids are stable kebab-case slugs
 * referenced by plans and logged sessions, so an id is never renamed or
 * reused; fix a name or a cue in place and generate a new seed migration (see
 * `workers/workouts/catalog/seed_sql.ts`). The data is checked against the vocabulary when
 * loaded, so a typo fails at start-up and in the catalog test, not in a query.
 *
 * @module
 */
import * as v from "valibot";
import data from "./exercises.json" with { type: "json" };
import { categories, equipment, muscles } from "./vocabulary.ts";

const muscleList = v.array(v.picklist(muscles));

const seedExerciseSchema = v.strictObject({
  /** Stable kebab-case slug, e.g. `barbell-back-squat`. */
  id: v.string(),
  /** Title Case, unique in the catalog. */
  name: v.string(),
  category: v.picklist(categories),
  primaryMuscles: muscleList,
  secondaryMuscles: muscleList,
  equipment: v.picklist(equipment),
  /** One to three short coaching cues. */
  instructions: v.string(),
});

/** One exercise of the catalog, as seeded into `workouts.exercises`. */
export type SeedExercise = v.InferOutput<typeof seedExerciseSchema>;

/** The catalog, in seed order. */
export const exercises: SeedExercise[] = v.parse(v.array(seedExerciseSchema), data);
