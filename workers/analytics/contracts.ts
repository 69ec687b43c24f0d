/**
 * What other workers may know of the analytics worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
export { analyticsProblems } from "./problems.ts";
