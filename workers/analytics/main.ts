/**
 * Deno Deploy entrypoint of the analytics worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { createAnalyticsWorker } from "./mod.ts";

export default await bootDomainWorker("analytics", Deno.env.toObject(), createAnalyticsWorker);
