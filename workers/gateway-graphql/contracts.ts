/**
 * What other workers may know of the gateway-graphql worker: the codes of the problems
 * it answers (it publishes no events).
 *
 * @module
 */
export { graphqlProblems } from "./problems.ts";
