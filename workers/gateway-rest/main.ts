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
const peers = bootPeers([...domainWorkerNames, "gateway-graphql"], env, platform.internalSecret);

export default createGatewayRestWorker({ ...platform, peers });
