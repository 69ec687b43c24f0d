/**
 * The workouts domain's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the workouts worker raises (403 and 422 come from `platformProblems`). */
export const workoutsProblems = defineProblems({
  EXERCISE_NOT_FOUND: { status: 404, title: "Exercise not found" },
  WORKOUT_NOT_FOUND: { status: 404, title: "Workout not found" },
  SESSION_NOT_FOUND: { status: 404, title: "Session not found" },
});
