/**
 * Deno Deploy entrypoint of the inventory worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { createInventoryWorker } from "./mod.ts";

export default await bootDomainWorker("inventory", Deno.env.toObject(), createInventoryWorker);
