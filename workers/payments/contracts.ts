/**
 * What other workers may know of the payments worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
export { paymentsProblems } from "./problems.ts";
