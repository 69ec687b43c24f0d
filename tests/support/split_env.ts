/**
 * The environment a split platform under test starts with (`startSplit` of
 * workers/split.ts): only what a child Deno process needs from this one, free
 * ports for the gateway and every worker, a scratch data directory, quiet
 * logs, then the suite's own settings.
 *
 * @module
 */
import { freePort, freePortRange } from "../../shared/testing/ports.ts";
import { workerNames } from "../../shared/runtime/workers.ts";

/** Settings as `startSplit` takes them. */
export type SplitEnv = Record<string, string | undefined>;

/** The base environment on `dataDir`, with `settings` on top; `port` is the gateway's. */
export function splitTestEnv(
  dataDir: string,
  settings: SplitEnv = {},
  port: number = freePort(),
): SplitEnv {
  return {
    PATH: Deno.env.get("PATH"),
    HOME: Deno.env.get("HOME"),
    DENO_DIR: Deno.env.get("DENO_DIR"),
    PORT: String(port),
    // One port per worker, and one more for a replica (`--replicas`).
    FITCONNECT_SPLIT_BASE_PORT: String(freePortRange(workerNames.length + 1)),
    FITCONNECT_DATA_DIR: dataDir,
    LOG_LEVEL: "error",
    ...settings,
  };
}
