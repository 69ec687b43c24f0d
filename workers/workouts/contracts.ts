/**
 * What other workers may know of the workouts worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
export { workoutsProblems } from "./problems.ts";
