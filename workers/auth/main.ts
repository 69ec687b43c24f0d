/**
 * Deno Deploy entrypoint of the auth worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import * as v from "valibot";
import { parseConfig } from "../../shared/config/parse_config.ts";
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { authCalls } from "./client.ts";
import { authEntries, authLimitsFrom, bootstrapAdmin } from "./config.ts";
import { createAuthWorker } from "./mod.ts";
import { createPasswordHasher } from "./passwords/mod.ts";

const env = Deno.env.toObject();
const config = parseConfig(v.object(authEntries), env);

export default await bootDomainWorker(
  "auth",
  env,
  (deps, peers) => {
    const worker = createAuthWorker({
      ...deps,
      users: peers.users,
      hasher: createPasswordHasher({ workers: config.FITCONNECT_AUTH_HASH_WORKERS }),
      signingKeys: config.FITCONNECT_AUTH_SIGNING_KEYS,
      limits: authLimitsFrom(config),
    });
    // A generated admin only on embedded stores: production names its admin.
    bootstrapAdmin(worker.ensureAdmin, config, {
      generate: deps.postgres.kind === "pglite",
      log: deps.log,
    });
    return worker;
  },
  { peers: ["users"], authCalls },
);
