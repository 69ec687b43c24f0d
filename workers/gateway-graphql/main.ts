/**
 * Deno Deploy entrypoint of the GraphQL gateway (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootPeers, bootPlatform } from "../../shared/runtime/boot.ts";
import { domainWorkerNames } from "../../shared/runtime/workers.ts";
import { createGatewayGraphqlWorker } from "./mod.ts";

const env = Deno.env.toObject();
const { platform } = bootPlatform("gateway-graphql", env);
const peers = bootPeers(domainWorkerNames, env, platform.internalSecret);

export default createGatewayGraphqlWorker({
  ...platform,
  peers,
  // Introspection helps developers and attackers alike: off unless asked for.
  introspection: env.FITCONNECT_GRAPHQL_INTROSPECTION === "true",
});
