/**
 * The public workout-plan templates seeded with the catalog (owner `null`),
 * from ./templates.json, checked when loaded. Each entry's `reps` is per set;
 * timed work (cardio, holds, carries) is logged as one rep per set, and the
 * plan's description says how long or how far.
 *
 * @module
 */
import * as v from "valibot";
import data from "./templates.json" with { type: "json" };
import { levels } from "./vocabulary.ts";

const count = v.pipe(v.number(), v.integer(), v.minValue(1));

const planExerciseSchema = v.strictObject({
  exerciseId: v.string(),
  sets: count,
  reps: count,
  weightKg: v.optional(v.pipe(v.number(), v.minValue(0))),
  restSec: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

const seedTemplateSchema = v.strictObject({
  /** Stable id starting with `tpl-`. */
  id: v.pipe(v.string(), v.startsWith("tpl-")),
  name: v.string(),
  description: v.string(),
  level: v.picklist(levels),
  exercises: v.array(planExerciseSchema),
});

/** A public template, as seeded into `workouts.plans`. */
export type SeedTemplate = v.InferOutput<typeof seedTemplateSchema>;

/** The public templates. */
export const templates: SeedTemplate[] = v.parse(v.array(seedTemplateSchema), data);
