/**
 * Deno Deploy entrypoint of the notifications worker (also what `deno task start:split` runs).
 * The only file of this worker that reads the environment.
 *
 * @module
 */
import { bootDomainWorker } from "../../shared/runtime/boot.ts";
import { createNotificationsWorker } from "./mod.ts";

export default await bootDomainWorker(
  "notifications",
  Deno.env.toObject(),
  createNotificationsWorker,
);
