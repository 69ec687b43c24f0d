/**
 * Who may see which plan, and the problems the use cases share.
 *
 * @module
 */
import { type FieldError, platformProblems, Problem } from "../../shared/http/problem.ts";
import type { PlanRow } from "./repository.ts";
// Registers this domain's codes before any Problem with them is raised.
import { workoutsProblems } from "./problems.ts";

/** True when `viewer` may read `plan`: a public template, or their own. */
export function isVisible(plan: PlanRow | undefined, viewer: string | undefined): plan is PlanRow {
  return plan !== undefined && (plan.ownerId === null || plan.ownerId === viewer);
}

/** 422 VALIDATION_FAILED on the request body with `errors`. */
export function invalidBody(errors: FieldError[]): Problem {
  return new Problem(platformProblems.VALIDATION_FAILED, "The request body is not valid.", {
    errors,
  });
}

/** 404 WORKOUT_NOT_FOUND: also for another member's private plan, whose existence stays hidden. */
export function workoutNotFound(): Problem {
  return new Problem(
    workoutsProblems.WORKOUT_NOT_FOUND,
    "There is no workout with this id that you can see.",
  );
}
