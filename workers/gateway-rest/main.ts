/**
 * Deno Deploy entrypoint of the REST gateway (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment: its peers'
 * `FITCONNECT_<NAME>_URL`, the platform settings, `FITCONNECT_WEB_DIR` and the
 * rate limits (`FITCONNECT_RATE_LIMIT_*`, see ./rate_limits.ts).
 *
 * @module
 */
import * as v from "valibot";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { bootPeers, bootPlatform } from "../../shared/runtime/boot.ts";
import { bootReporting } from "../../shared/runtime/reporting.ts";
import { domainWorkerNames } from "../../shared/runtime/workers.ts";
import { createAuthentication } from "../../shared/runtime/authentication.ts";
import { openKeyValueStores } from "../../shared/runtime/stores.ts";
import { authCalls } from "../auth/client.ts";
import {
  createGatewayRestWorker,
  rateLimitEntries,
  restRateLimitsFrom,
  webAppFromDirectory,
  webEntries,
} from "./mod.ts";

const env = Deno.env.toObject();
const { config, platform, log } = bootPlatform("gateway-rest", env);
// Signed, for the gateway's own health checks; unsigned, for what clients send.
const peers = bootPeers(domainWorkerNames, env, { internalSecret: platform.internalSecret });
const upstreams = bootPeers([...domainWorkerNames, "gateway-graphql"], env, {
  forwardsClients: true,
});

// The built web app (clients/web/dist, deployed with this worker), when configured.
const { FITCONNECT_WEB_DIR } = parseConfig(v.object(webEntries), env);
const web = FITCONNECT_WEB_DIR ? webAppFromDirectory(FITCONNECT_WEB_DIR) : undefined;

// The rate limits' counters and the revocation list (Upstash in production, the shared Deno
// KV file in split): this worker has no tables.
const kv = await openKeyValueStores({ ...config, dataDir: config.FITCONNECT_DATA_DIR }, log);
const { verifier } = createAuthentication(peers.auth, kv, { log, authCalls });

const app = createGatewayRestWorker({
  ...platform,
  peers,
  upstreams,
  web,
  verifier,
  kv: kv.kvFor("gateway-rest"),
  rateLimits: restRateLimitsFrom(parseConfig(v.object(rateLimitEntries), env)),
});

export default bootReporting("gateway-rest", app, { env, config, log });
