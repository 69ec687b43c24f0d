/**
 * What other workers may know of the metrics worker: the codes of the problems
 * it answers (it publishes no events).
 *
 * @module
 */
export { metricsProblems } from "./problems.ts";
