/**
 * What other workers may know of the inventory worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
export { inventoryProblems } from "./problems.ts";
