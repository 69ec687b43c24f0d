/**
 * Deno Deploy entrypoint of the REST gateway (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment: its peers'
 * `FITCONNECT_<NAME>_URL` and the platform settings.
 *
 * @module
 */
import { bootPeers, bootPlatform } from "../../shared/runtime/boot.ts";
import { domainWorkerNames } from "../../shared/runtime/workers.ts";
import { createGatewayRestWorker } from "./mod.ts";

const env = Deno.env.toObject();
const { platform } = bootPlatform("gateway-rest", env);
// Signed, for the gateway's own health checks; unsigned, for what clients send.
const peers = bootPeers(domainWorkerNames, env, { internalSecret: platform.internalSecret });
const upstreams = bootPeers([...domainWorkerNames, "gateway-graphql"], env, {
  forwardsClients: true,
});

export default createGatewayRestWorker({ ...platform, peers, upstreams });
