/**
 * Starts the servers under test as child processes (the bare baseline and the
 * embedded platform), waits until they answer, and stops them. Each runs in
 * its own process so the load generator, the baseline and the platform never
 * share an event loop.
 *
 * @module
 */
import { benchAdmin } from "./checkout.ts";
import { processCpuMs } from "./footprint.ts";

const repoRoot = new URL("../../", import.meta.url);
const outputTailChars = 8_000;

/** A started server. */
export interface Service {
  name: string;
  baseUrl: string;
  /** The process id (the `deno` child itself, not a wrapper). */
  pid: number;
  /** Resolves once the service answers 200 on its ready path; rejects if it never does. */
  ready: Promise<void>;
  /** Once ready: ms from spawning the process to that first 200. */
  readyAfterMs?: number;
  /** Once ready: the CPU time the process had used by then, in ms (Linux; else undefined). */
  readyCpuMs?: number;
  /** The last few KB the process printed, for error messages. */
  output(): string;
  /** Stops the process: SIGTERM, then SIGKILL after a grace period. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options for {@linkcode startService}. */
export interface StartServiceOptions {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** Variables of this process the child must not inherit. */
  unset?: readonly string[];
  port: number;
  /** Path that answers 200 once the service can take load. */
  readyPath: string;
  timeoutMs: number;
}

function withoutKeys(env: Record<string, string>, keys: readonly string[]) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !keys.includes(key)));
}

/**
 * The settings that would move the platform off its embedded stores and offline payment provider:
 * the bench's own platform never inherits them (the round-trips section passes its own).
 */
const storeSettings = [
  "DATABASE_URL",
  "NEON_WS_PROXY",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_API_URL",
];

/** Asks the OS for a port nobody is listening on. */
export function freePort(): number {
  // Binding port 0 and closing leaves a small race, acceptable for a local benchmark.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function collect(stream: ReadableStream<Uint8Array>, append: (text: string) => void) {
  // Draining the pipes keeps a chatty child from blocking on a full buffer.
  for await (const text of stream.pipeThrough(new TextDecoderStream())) append(text);
}

/**
 * Spawns `deno <args>` from the repo root. Returns at once, so the caller can
 * track the process for cleanup before awaiting `ready`.
 */
export function startService(options: StartServiceOptions): Service {
  const spawnedAt = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: options.args,
    cwd: repoRoot,
    clearEnv: true,
    env: { ...withoutKeys(Deno.env.toObject(), options.unset ?? []), ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let tail = "";
  const append = (text: string) => {
    tail = (tail + text).slice(-outputTailChars);
  };
  const pumps = Promise.all([collect(child.stdout, append), collect(child.stderr, append)]);
  let exited = false;
  const status = child.status.finally(() => {
    exited = true;
  });
  let stopping: Promise<void> | undefined;
  const service: Service = {
    name: options.name,
    baseUrl: `http://127.0.0.1:${options.port}`,
    pid: child.pid,
    ready: Promise.resolve(),
    output: () => tail,
    stop: () => {
      stopping ??= (async () => {
        if (!exited) {
          // SIGTERM first: the platform flushes PGlite on it.
          child.kill("SIGTERM");
          const timer = setTimeout(() => {
            if (!exited) child.kill("SIGKILL");
          }, 10_000);
          await status;
          clearTimeout(timer);
        }
        await pumps.catch(() => {});
      })();
      return stopping;
    },
  };
  service.ready = waitUntilReady(service, options, () => exited).then(() => {
    service.readyAfterMs = performance.now() - spawnedAt;
    service.readyCpuMs = processCpuMs(child.pid) ?? undefined;
  });
  return service;
}

async function waitUntilReady(
  service: Service,
  options: StartServiceOptions,
  hasExited: () => boolean,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (hasExited()) {
      throw new Error(`Cannot start ${service.name}: it exited early\n${service.output()}`);
    }
    try {
      const response = await fetch(service.baseUrl + options.readyPath, {
        signal: AbortSignal.timeout(5_000),
      });
      await response.body?.cancel();
      if (response.status === 200) return;
      last = `GET ${options.readyPath} answered ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    // Often enough that the time to ready (./footprint.ts) is not a multiple of the wait.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `Cannot start ${service.name}: not ready after ${options.timeoutMs / 1000} s (${last})\n` +
      service.output(),
  );
}

/** The baseline: tools/bench/bare_server.ts. */
export function startBareServer(port: number): Service {
  return startService({
    name: "bare Hono server",
    args: ["run", "-A", "tools/bench/bare_server.ts", "--port", String(port)],
    port,
    readyPath: "/",
    timeoutMs: 60_000,
  });
}

/**
 * The reference for logging a session: tools/bench/sessions_reference_server.ts,
 * with its PGlite under `dataDir` (on disk, as the platform's is).
 */
export function startSessionsReference(port: number, dataDir: string): Service {
  return startService({
    name: "sessions reference (bare Hono + drizzle + PGlite)",
    args: [
      "run",
      "-A",
      "tools/bench/sessions_reference_server.ts",
      "--port",
      String(port),
      "--data-dir",
      dataDir,
    ],
    port,
    readyPath: "/",
    timeoutMs: 120_000,
  });
}

/**
 * A server only some scenarios use, on a free port with its data under
 * `dataDir`: the platform with its caches off (cold reads), or the sessions
 * reference.
 */
export function startNeeded(
  server: "platform-cold" | "sessions-reference",
  dataDir: string,
): Service {
  return server === "platform-cold"
    ? startPlatform(freePort(), `${dataDir}/cold`, false)
    : startSessionsReference(freePort(), `${dataDir}/sessions-reference`);
}

/**
 * The whole platform in one process (workers/embedded.ts) with stores under
 * `dataDir`; `cache: false` turns the key-value read caches off (cold path);
 * `webDir` is the web build it serves at `/` (default: clients/web/dist, built
 * when stale); `env` is added last (e.g. the production adapters' settings).
 */
export function startPlatform(
  port: number,
  dataDir: string,
  cache = true,
  webDir?: string,
  env: Record<string, string> = {},
): Service {
  return startService({
    name: `FitConnect (workers/embedded.ts${cache ? "" : ", caches off"})`,
    // As `deno task start` runs it: the runtime configuration, graphql-js in production mode.
    args: ["run", "-A", "--config=workers/deno.runtime.json", "workers/embedded.ts"],
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      LOG_LEVEL: "warn",
      FITCONNECT_DATA_DIR: dataDir,
      // The load comes from one address: the per-IP login limit would measure itself.
      FITCONNECT_AUTH_IP_LIMIT: "1000000000",
      // Likewise the gateway's limits: still counted on every request (their cost is measured),
      // never exceeded.
      FITCONNECT_RATE_LIMIT_IP: "1000000000",
      FITCONNECT_RATE_LIMIT_USER: "1000000000",
      FITCONNECT_RATE_LIMIT_KEY: "1000000000",

      FITCONNECT_GRAPHQL_RATE_LIMIT: "1000000000",
      FITCONNECT_CACHE: cache ? "on" : "off",
      // The checkout bench restocks as this admin.
      FITCONNECT_ADMIN_EMAIL: benchAdmin.email,
      FITCONNECT_ADMIN_PASSWORD: benchAdmin.password,
      ...(webDir ? { FITCONNECT_WEB_DIR: webDir } : {}),
      ...env,
    },
    unset: storeSettings,
    port,
    readyPath: "/health",
    // Migrating every worker's schema in PGlite takes a loaded 2-core machine most of a minute.
    timeoutMs: 180_000,
  });
}
