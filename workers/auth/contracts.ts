/**
 * What other workers may know of the auth worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
export { authProblems } from "./problems.ts";
