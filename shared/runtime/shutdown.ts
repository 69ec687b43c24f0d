/**
 * What a worker started on its own does when told to stop (SIGINT, SIGTERM):
 * every task registered here, newest first — the last metrics report before
 * the stores it needs close, PGlite's flush to disk last — then exit.
 *
 * Where the platform delivers no signals (Deno Deploy classic), nothing is
 * registered: it stops isolates itself.
 *
 * @module
 */
import { describeError } from "../logging/describe_error.ts";
import type { Logger } from "../logging/logger.ts";

const tasks: { name: string; run: () => Promise<void> }[] = [];
let listening = false;

/** Runs `run` at shutdown, before the tasks registered earlier. */
export function onShutdown(name: string, run: () => Promise<void>, log: Logger): void {
  tasks.push({ name, run });
  if (listening) return;
  listening = true;
  try {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, async () => {
        for (const task of tasks.toReversed()) {
          await task.run().catch((error) =>
            log.error(`${task.name} at shutdown failed`, { error: describeError(error) })
          );
        }
        Deno.exit(0);
      });
    }
  } catch {
    // The platform does not deliver signals; it stops isolates itself.
  }
}
