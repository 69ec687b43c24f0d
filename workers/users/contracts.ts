/**
 * What other workers may know of the users worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
export { usersProblems } from "./problems.ts";
