/**
 * Deno Deploy entrypoint of the users worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { authCalls } from "../auth/client.ts";
import { createUsersWorker } from "./mod.ts";

export default await bootDomainWorker(
  "users",
  Deno.env.toObject(),
  (deps, peers) => createUsersWorker({ ...deps, auth: peers.auth }),
  { peers: ["auth"], authCalls },
);
