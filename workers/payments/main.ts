/**
 * Deno Deploy entrypoint of the payments worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { createPaymentsWorker } from "./mod.ts";

export default await bootDomainWorker("payments", Deno.env.toObject(), createPaymentsWorker);
