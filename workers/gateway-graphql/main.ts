/**
 * Deno Deploy entrypoint of the GraphQL gateway (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootPeers, bootPlatform } from "../../shared/runtime/boot.ts";
import { bootReporting } from "../../shared/runtime/reporting.ts";
import { openKeyValueStores } from "../../shared/runtime/stores.ts";
import { domainWorkerNames } from "../../shared/runtime/workers.ts";
import * as v from "valibot";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { createGatewayGraphqlWorker, graphqlEntries, graphqlRateLimitFrom } from "./mod.ts";

const env = Deno.env.toObject();
const { config, platform, log } = bootPlatform("gateway-graphql", env);
// Signed, for the gateway's own health checks; unsigned, for what resolvers do for clients.
const peers = bootPeers(domainWorkerNames, env, { internalSecret: platform.internalSecret });
const upstreams = bootPeers(domainWorkerNames, env, { forwardsClients: true });
// Only the rate limit's counters (Upstash in production, the shared Deno KV
// file in split): this worker has no tables.
const kv = await openKeyValueStores({ ...config, dataDir: config.FITCONNECT_DATA_DIR }, log);

const app = createGatewayGraphqlWorker({
  ...platform,
  peers,
  upstreams,
  kv: kv.kvFor("gateway-graphql"),
  rateLimit: graphqlRateLimitFrom(parseConfig(v.object(graphqlEntries), env)),
  // Introspection helps developers and attackers alike: off unless asked for.
  introspection: env.FITCONNECT_GRAPHQL_INTROSPECTION === "true",
});

export default bootReporting("gateway-graphql", app, { env, config, log });
