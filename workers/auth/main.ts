/**
 * Deno Deploy entrypoint of the auth worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { createAuthWorker } from "./mod.ts";

export default await bootDomainWorker("auth", Deno.env.toObject(), createAuthWorker);
