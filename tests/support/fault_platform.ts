/**
 * The whole platform, composed as in the embedded default, on the stores of
 * one given configuration (the fault suite's own proxy and bridge). Unlike
 * `platformTest`, it does not choose the stores: the suite does.
 *
 * @module
 */
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import {
  openPlatformStores,
  type PlatformStores,
  type StoresConfig,
} from "../../shared/runtime/stores.ts";
import { composeEmbedded } from "../../workers/compose.ts";
import { createPasswordHasher } from "../../workers/auth/testing.ts";

/** A composed platform on `config`'s stores. */
export interface PlatformOnStores {
  stores: PlatformStores;
  /** Every JSON log line written so far. */
  logs: string[];
  /** Sends a request to the public app, as if from `clientIp`. */
  request(path: string, init?: RequestInit, clientIp?: string): Promise<Response>;
  close(): Promise<void>;
}

/** Opens the stores of `config` (migrating Postgres) and composes every worker on them. */
export async function openPlatformOn(config: StoresConfig): Promise<PlatformOnStores> {
  const sink = memorySink();
  const log = createLogger({ level: "debug", sink });
  const stores = await openPlatformStores(config, log);
  // One hashing thread: a password hash must not stall the requests being timed.
  const hasher = createPasswordHasher({ workers: 1 });
  const platform = composeEmbedded({
    stores,
    log,
    internalSecret: randomSecret(),
    hasher,
    events: { kv: await Deno.openKv(":memory:"), signingKey: randomSecret(), backoffMs: [50, 50] },
  });
  const stopRelays = platform.events.start(50);
  return {
    stores,
    logs: sink.lines,
    request(path, init, clientIp = "127.0.0.1") {
      return Promise.resolve(
        platform.app.fetch(new Request(new URL(path, "http://localhost"), init), {
          remoteAddr: { transport: "tcp", hostname: clientIp, port: 40_000 },
        }),
      );
    },
    async close() {
      stopRelays();
      await platform.events.close();
      hasher.close();
      await stores.close();
    },
  };
}
