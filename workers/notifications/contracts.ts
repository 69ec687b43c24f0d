/**
 * What other workers may know of the notifications worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
export { notificationsProblems } from "./problems.ts";
