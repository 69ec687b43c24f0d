/**
 * A running platform on a real socket, for the hostile suite: the embedded
 * composition behind `Deno.serve`, or every worker as its own process
 * (split). Both answer the same way; only what the suite may look inside
 * differs (`embedded` is set for the in-process one).
 *
 * @module
 */
import type { JWK } from "jose";
import { internalSecretHeader } from "../../shared/bindings/service_binding.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import type { WorkerName } from "../../shared/runtime/workers.ts";
import { startSplit } from "../../workers/split.ts";
import { splitTestEnv } from "./split_env.ts";
import { openEmbedded, type TestPlatform, type TestPlatformOptions } from "./platform.ts";
import { freePort } from "../../shared/testing/ports.ts";
import { generateSigningJwk } from "../../workers/auth/testing.ts";

/** A platform listening on loopback. */
export interface SecurityTarget {
  mode: "embedded" | "split";
  port: number;
  url: string;
  metricsToken: string;
  /** The private key that signs access tokens (so the suite can forge odd ones). */
  signingJwk: JWK;
  /** A peer's own call to `worker` (signed with the internal secret), to look behind the API. */
  internalCall(worker: WorkerName, path: string, init?: RequestInit): Promise<Response>;
  /** A request through the real socket (fetch: paths are normalised; use rawRequest for those). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** The in-process platform, where the suite may look inside (embedded only). */
  embedded?: TestPlatform;
  close(): Promise<void>;
}

/** The embedded composition served on a free loopback port. */
export async function listenEmbedded(options: TestPlatformOptions = {}): Promise<SecurityTarget> {
  const signingJwk = await generateSigningJwk();
  const platform = await openEmbedded({ auth: { signingKeys: [signingJwk] }, ...options });
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    (request, info) => platform.app.fetch(request, info),
  );
  const url = `http://127.0.0.1:${server.addr.port}`;
  return {
    mode: "embedded",
    port: server.addr.port,
    url,
    metricsToken: platform.metricsToken,
    signingJwk,
    internalCall: (worker, path, init) => {
      const request = new Request(`http://worker.internal${path}`, init);
      request.headers.set(internalSecretHeader, platform.internalSecret);
      return Promise.resolve(platform.workers[worker].fetch(request));
    },
    request: (path, init) => fetch(`${url}${path}`, init),
    embedded: platform,
    async close() {
      await server.shutdown();
      await platform.close();
    },
  };
}

/** Every worker as its own process on embedded stores in a scratch folder. */
export async function listenSplit(): Promise<SecurityTarget> {
  const dataDir = await Deno.makeTempDir({ prefix: "fitconnect_security_" });
  const port = freePort();
  const metricsToken = randomSecret();
  const internalSecret = randomSecret();
  const signingJwk = await generateSigningJwk();
  const split = await startSplit(splitTestEnv(dataDir, {
    FITCONNECT_METRICS_TOKEN: metricsToken,
    FITCONNECT_INTERNAL_SECRET: internalSecret,
    FITCONNECT_AUTH_SIGNING_KEYS: JSON.stringify([signingJwk]),
  }, port));
  return {
    mode: "split",
    port,
    url: split.url,
    metricsToken,
    signingJwk,
    internalCall: (worker, path, init) => {
      const request = new Request(`http://127.0.0.1:${split.ports[worker]}${path}`, init);
      request.headers.set(internalSecretHeader, internalSecret);
      return fetch(request);
    },
    request: (path, init) => fetch(`${split.url}${path}`, init),
    async close() {
      await split.stop();
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}
