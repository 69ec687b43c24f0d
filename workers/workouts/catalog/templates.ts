/**
 * The public workout-plan templates seeded with the catalog (owner `null`).
 * Each entry's `reps` is per set; timed work (cardio, holds, carries) is logged
 * as one rep per set, and the plan's description says how long or how far.
 *
 * @module
 */
import type { PlanExercise } from "../tables.ts";
import type { Level } from "./vocabulary.ts";

/** A public template, as seeded into `workouts.plans`. */
export interface SeedTemplate {
  /** Stable id starting with `tpl-`. */
  id: string;
  name: string;
  description: string;
  level: Level;
  exercises: PlanExercise[];
}

/** The public templates. */
export const templates: SeedTemplate[] = [
  {
    id: "tpl-5x5-strength-a",
    name: "5×5 Strength: Workout A",
    description:
      "Classic linear progression. Alternate Workout A and Workout B three days a week (A/B/A, then B/A/B). Start with the empty bar and add 2.5 kg each session you complete every set of five; rest 3 minutes between work sets.",
    level: "beginner",
    exercises: [
      { exerciseId: "barbell-back-squat", sets: 5, reps: 5, weightKg: 20, restSec: 180 },
      { exerciseId: "barbell-bench-press", sets: 5, reps: 5, weightKg: 20, restSec: 180 },
      { exerciseId: "barbell-bent-over-row", sets: 5, reps: 5, weightKg: 30, restSec: 180 },
    ],
  },
  {
    id: "tpl-5x5-strength-b",
    name: "5×5 Strength: Workout B",
    description:
      "The second day of the 5×5 programme: squat again, press overhead and pull one heavy set of deadlifts. Add 2.5 kg to the squat and press and 5 kg to the deadlift each session you hit all reps.",
    level: "beginner",
    exercises: [
      { exerciseId: "barbell-back-squat", sets: 5, reps: 5, weightKg: 20, restSec: 180 },
      { exerciseId: "barbell-overhead-press", sets: 5, reps: 5, weightKg: 20, restSec: 180 },
      { exerciseId: "barbell-deadlift", sets: 1, reps: 5, weightKg: 40, restSec: 180 },
    ],
  },
  {
    id: "tpl-ppl-push",
    name: "Push/Pull/Legs: Push Day",
    description:
      "Chest, shoulders and triceps. Run push, pull and legs in order, once or twice a week each. Leave one or two reps in reserve on every set and add weight when you reach the top of the rep target.",
    level: "intermediate",
    exercises: [
      { exerciseId: "barbell-bench-press", sets: 4, reps: 6, restSec: 150 },
      { exerciseId: "incline-dumbbell-press", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "seated-dumbbell-shoulder-press", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "dumbbell-lateral-raise", sets: 3, reps: 15, restSec: 60 },
      { exerciseId: "cable-triceps-pushdown", sets: 3, reps: 12, restSec: 60 },
      { exerciseId: "overhead-cable-triceps-extension", sets: 3, reps: 12, restSec: 60 },
    ],
  },
  {
    id: "tpl-ppl-pull",
    name: "Push/Pull/Legs: Pull Day",
    description:
      "Back, rear delts and biceps. Pull-ups can be band-assisted until you manage the reps; heavy deadlifts come first while you are fresh.",
    level: "intermediate",
    exercises: [
      { exerciseId: "barbell-deadlift", sets: 3, reps: 5, restSec: 180 },
      { exerciseId: "pull-up", sets: 4, reps: 8, restSec: 120 },
      { exerciseId: "barbell-bent-over-row", sets: 3, reps: 8, restSec: 120 },
      { exerciseId: "seated-cable-row", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "face-pull", sets: 3, reps: 15, restSec: 60 },
      { exerciseId: "incline-dumbbell-curl", sets: 3, reps: 10, restSec: 60 },
      { exerciseId: "hammer-curl", sets: 3, reps: 12, restSec: 60 },
    ],
  },
  {
    id: "tpl-ppl-legs",
    name: "Push/Pull/Legs: Leg Day",
    description:
      "Quads, hamstrings, glutes and calves, finished with direct ab work. Split squats are reps per leg.",
    level: "intermediate",
    exercises: [
      { exerciseId: "barbell-back-squat", sets: 4, reps: 6, restSec: 180 },
      { exerciseId: "romanian-deadlift", sets: 3, reps: 8, restSec: 120 },
      { exerciseId: "leg-press", sets: 3, reps: 10, restSec: 120 },
      { exerciseId: "bulgarian-split-squat", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "lying-leg-curl", sets: 3, reps: 12, restSec: 60 },
      { exerciseId: "standing-calf-raise", sets: 4, reps: 12, restSec: 60 },
      { exerciseId: "hanging-leg-raise", sets: 3, reps: 12, restSec: 60 },
    ],
  },
  {
    id: "tpl-full-body-beginner",
    name: "Full-Body Beginner",
    description:
      "Three sessions a week on non-consecutive days, the whole body each time. Pick weights you could lift a couple more times than asked and add a little when every set feels smooth. The plank is one 30-second hold per set.",
    level: "beginner",
    exercises: [
      { exerciseId: "goblet-squat", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "dumbbell-bench-press", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "lat-pulldown", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "dumbbell-romanian-deadlift", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "seated-cable-row", sets: 3, reps: 12, restSec: 60 },
      { exerciseId: "glute-bridge", sets: 2, reps: 15, restSec: 60 },
      { exerciseId: "front-plank", sets: 3, reps: 1, restSec: 45 },
    ],
  },
  {
    id: "tpl-upper-lower-upper",
    name: "Upper/Lower: Upper Day",
    description:
      "Four days a week: upper, lower, rest, upper, lower. Heavy compound pairs first, then higher-rep accessories for the shoulders and arms.",
    level: "intermediate",
    exercises: [
      { exerciseId: "barbell-bench-press", sets: 4, reps: 6, restSec: 150 },
      { exerciseId: "barbell-bent-over-row", sets: 4, reps: 6, restSec: 150 },
      { exerciseId: "seated-dumbbell-shoulder-press", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "lat-pulldown", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "dumbbell-biceps-curl", sets: 3, reps: 12, restSec: 60 },
      { exerciseId: "ez-bar-skull-crusher", sets: 3, reps: 12, restSec: 60 },
    ],
  },
  {
    id: "tpl-upper-lower-lower",
    name: "Upper/Lower: Lower Day",
    description:
      "The lower-body half of the four-day upper/lower split. Walking lunges are reps per leg.",
    level: "intermediate",
    exercises: [
      { exerciseId: "barbell-back-squat", sets: 4, reps: 6, restSec: 180 },
      { exerciseId: "romanian-deadlift", sets: 4, reps: 8, restSec: 120 },
      { exerciseId: "dumbbell-walking-lunge", sets: 3, reps: 10, restSec: 90 },
      { exerciseId: "seated-leg-curl", sets: 3, reps: 12, restSec: 60 },
      { exerciseId: "seated-calf-raise", sets: 4, reps: 15, restSec: 60 },
      { exerciseId: "kneeling-cable-crunch", sets: 3, reps: 15, restSec: 60 },
    ],
  },
  {
    id: "tpl-kettlebell-conditioning",
    name: "Kettlebell Conditioning",
    description:
      "One kettlebell (or a pair for the squats), about 35 minutes. Cleans and presses are reps per side; each Turkish get-up set is one rep per side. Finish with suitcase carries: one 40 m walk per set, switching hands halfway.",
    level: "intermediate",
    exercises: [
      { exerciseId: "kettlebell-swing", sets: 5, reps: 15, restSec: 45 },
      { exerciseId: "kettlebell-clean", sets: 4, reps: 5, restSec: 45 },
      { exerciseId: "kettlebell-press", sets: 4, reps: 5, restSec: 60 },
      { exerciseId: "kettlebell-front-squat", sets: 4, reps: 8, restSec: 60 },
      { exerciseId: "kettlebell-gorilla-row", sets: 3, reps: 8, restSec: 45 },
      { exerciseId: "turkish-get-up", sets: 3, reps: 2, restSec: 60 },
      { exerciseId: "suitcase-carry", sets: 3, reps: 1, restSec: 60 },
    ],
  },
  {
    id: "tpl-cardio-conditioning",
    name: "Cardio Conditioning Intervals",
    description:
      "Timed work, logged as one rep per set. Rowing machine: 10 minutes easy to warm up. Assault bike: 8 rounds of 20 seconds all-out with 100 seconds easy spinning. Jump rope: 5 rounds of 1 minute with 30 seconds rest. Sled push: 6 pushes of 20 m, walking back as rest. Treadmill run: 15 minutes at a conversational pace to cool down.",
    level: "intermediate",
    exercises: [
      { exerciseId: "rowing-machine", sets: 1, reps: 1 },
      { exerciseId: "assault-bike", sets: 8, reps: 1, restSec: 100 },
      { exerciseId: "jump-rope", sets: 5, reps: 1, restSec: 30 },
      { exerciseId: "sled-push", sets: 6, reps: 1, restSec: 90 },
      { exerciseId: "treadmill-run", sets: 1, reps: 1 },
    ],
  },
  {
    id: "tpl-mobility-flow",
    name: "Daily Mobility Flow",
    description:
      "Fifteen minutes for hips, spine and shoulders, on rest days or as a warm-up. Stretches are reps per side; the couch stretch and deep squat hold are one 60-second hold per set.",
    level: "beginner",
    exercises: [
      { exerciseId: "cat-cow", sets: 1, reps: 10 },
      { exerciseId: "worlds-greatest-stretch", sets: 2, reps: 5 },
      { exerciseId: "hip-90-90-switch", sets: 2, reps: 8 },
      { exerciseId: "couch-stretch", sets: 2, reps: 1 },
      { exerciseId: "open-book-thoracic-rotation", sets: 2, reps: 8 },
      { exerciseId: "deep-squat-hold", sets: 2, reps: 1 },
      { exerciseId: "band-shoulder-dislocate", sets: 2, reps: 12 },
    ],
  },
];
