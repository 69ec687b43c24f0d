/**
 * `deno task start:split`: each worker as its own process on its own port,
 * calling its peers over real HTTP as in production, with the REST gateway on
 * `PORT`. It proves that nothing relies on sharing memory.
 *
 * Each domain worker keeps its own embedded stores under
 * `${FITCONNECT_DATA_DIR}/split/<worker>` (a worker owns its tables; no other
 * worker reads them), unless DATABASE_URL / UPSTASH_* point all of them at
 * shared servers.
 *
 * `--replicas gateway-graphql=2` (repeatable) starts a worker several times, on
 * ports after the workers' own; its peers call the processes in turn, as
 * Deno Deploy spreads requests over a worker's isolates. A domain worker's
 * replicas must share a database (DATABASE_URL): PGlite serves one process.
 * The REST gateway (it owns PORT) and the metrics worker (it hosts the Deno
 * KV queue) run once.
 *
 * @module
 */
import { parseArgs } from "node:util";
import * as v from "valibot";
import { parseConfig, portSetting } from "../shared/config/parse_config.ts";
import { internalSecretHeader } from "../shared/bindings/service_binding.ts";
import { randomSecret } from "../shared/runtime/secret.ts";
import { peerUrlVariable, type WorkerName, workerNames } from "../shared/runtime/workers.ts";
import { ensureWebBuild, webDistDir } from "../clients/web/scripts/build_stamp.ts";

const splitSchema = v.object({
  PORT: portSetting(8000),
  /** Workers listen on consecutive ports from here (gateway-rest excepted: it takes PORT). */
  FITCONNECT_SPLIT_BASE_PORT: portSetting(8100),
  FITCONNECT_DATA_DIR: v.optional(v.string(), ".data"),
});

/** A running split platform. */
export interface SplitPlatform {
  url: string;
  /** Each worker's (first) port. */
  ports: Record<WorkerName, number>;
  /** Each worker's (first) process. */
  processes: Record<WorkerName, Deno.ChildProcess>;
  /** Every process of each worker, replicas included. */
  replicas: Record<WorkerName, Deno.ChildProcess[]>;
  stop(): Promise<void>;
}

/** How to start the split platform, beyond the environment. */
export interface SplitOptions {
  /** How many processes of a worker to start (1 unless given). */
  replicas?: Partial<Record<WorkerName, number>>;
  /** Start only these workers (tests of a few); the others' URLs lead nowhere. */
  only?: readonly WorkerName[];
}

/** Starts every worker as a child process; resolves once all of them answer. */
export async function startSplit(
  env: Record<string, string | undefined>,
  options: SplitOptions = {},
): Promise<SplitPlatform> {
  const config = parseConfig(splitSchema, env);
  checkReplicas(options.replicas ?? {}, env);
  const secret = env.FITCONNECT_INTERNAL_SECRET || randomSecret();
  const queueSigningKey = env.FITCONNECT_QUEUE_SIGNING_KEY || randomSecret();
  const ports = Object.fromEntries(
    workerNames.map((name, index) => [
      name,
      name === "gateway-rest" ? config.PORT : config.FITCONNECT_SPLIT_BASE_PORT + index,
    ]),
  ) as Record<WorkerName, number>;
  // Replicas listen after the workers' own ports; a worker's URL lists all of its processes.
  let nextPort = config.FITCONNECT_SPLIT_BASE_PORT + workerNames.length;
  const replicaPorts = Object.fromEntries(workerNames.map((name) => [
    name,
    [ports[name], ...Array.from({ length: (options.replicas?.[name] ?? 1) - 1 }, () => nextPort++)],
  ])) as Record<WorkerName, number[]>;
  const peerUrls = Object.fromEntries(
    workerNames.map((name) => [
      peerUrlVariable(name),
      replicaPorts[name].map((port) => `http://127.0.0.1:${port}`).join(","),
    ]),
  );

  const started = options.only ?? workerNames;
  const children = started.flatMap((name) =>
    replicaPorts[name].map((port) => {
      const command = new Deno.Command(Deno.execPath(), {
        args: [
          "serve",
          "-A",
          "--host",
          name === "gateway-rest" ? "0.0.0.0" : "127.0.0.1",
          "--port",
          String(port),
          new URL(`./${name}/main.ts`, import.meta.url).pathname,
        ],
        env: {
          ...Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
          ...peerUrls,
          FITCONNECT_INTERNAL_SECRET: secret,
          FITCONNECT_QUEUE_SIGNING_KEY: queueSigningKey,
          FITCONNECT_DATA_DIR: `${config.FITCONNECT_DATA_DIR}/split/${name}`,
          // One Deno KV file for all processes, as one Upstash serves all of
          // production: rate limits and revocations must be seen by every worker.
          FITCONNECT_KV_PATH: `${config.FITCONNECT_DATA_DIR}/split/kv.sqlite3`,
          FITCONNECT_GRAPHQL_INTROSPECTION: env.FITCONNECT_GRAPHQL_INTROSPECTION ?? "true",
          // The REST gateway serves the built web app, as in the embedded platform.
          FITCONNECT_WEB_DIR: env.FITCONNECT_WEB_DIR || webDistDir,
        },
        // Exactly `env`, not this process's environment too: a DATABASE_URL
        // the caller left out must not reach the workers.
        clearEnv: true,
        stdout: "inherit",
        stderr: "inherit",
      });
      return { name, port, process: command.spawn() };
    })
  );

  /** SIGTERM, then SIGKILL for any worker still up after 5 s (`deno serve` waits for idle keep-alive connections). */
  async function stop() {
    const signal = (name: Deno.Signal) => {
      for (const { process } of children) {
        try {
          process.kill(name);
        } catch {
          // Already gone.
        }
      }
    };
    signal("SIGTERM");
    const exited = Promise.allSettled(children.map(({ process }) => process.status));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), 5_000);
    });
    if (await Promise.race([exited, timedOut]) === "timeout") signal("SIGKILL");
    clearTimeout(timer);
    await exited;
  }

  try {
    await Promise.all(children.map(({ name, port }) => waitUntilUp(name, port, secret)));
  } catch (error) {
    await stop();
    throw error;
  }
  const replicas = Object.fromEntries(started.map((name) => [
    name,
    children.filter((child) => child.name === name).map((child) => child.process),
  ])) as Record<WorkerName, Deno.ChildProcess[]>;
  const processes = Object.fromEntries(
    started.map((name) => [name, replicas[name][0]]),
  ) as Record<WorkerName, Deno.ChildProcess>;
  return { url: `http://localhost:${config.PORT}`, ports, processes, replicas, stop };
}

/** Refuses replicas that cannot work: see the module's documentation. */
function checkReplicas(
  replicas: Partial<Record<WorkerName, number>>,
  env: Record<string, string | undefined>,
): void {
  for (const [name, count] of Object.entries(replicas) as [WorkerName, number][]) {
    if (!Number.isInteger(count) || count < 1 || count > 8) {
      throw new Error(`Cannot start ${name} ${count} times: between 1 and 8`);
    }
    if (count === 1) continue;
    if (name === "gateway-rest" || name === "metrics") {
      throw new Error(`Cannot start ${name} more than once: it runs once in split`);
    }
    if (!name.startsWith("gateway-") && !env.DATABASE_URL) {
      throw new Error(
        `Cannot start ${name} ${count} times on PGlite: its processes must share DATABASE_URL`,
      );
    }
  }
}

/** `--replicas a=2,b=3` (repeatable) as counts by worker. */
export function parseReplicas(values: readonly string[]): Partial<Record<WorkerName, number>> {
  const replicas: Partial<Record<WorkerName, number>> = {};
  for (const pair of values.flatMap((value) => value.split(","))) {
    const [name, count] = pair.split("=");
    if (!(workerNames as readonly string[]).includes(name) || !/^\d+$/.test(count ?? "")) {
      throw new Error(`Cannot read --replicas ${pair}: expected <worker>=<count>`);
    }
    replicas[name as WorkerName] = Number(count);
  }
  return replicas;
}

/**
 * Polls the worker's own health until it answers: 3 min at most, since a
 * first start runs initdb and every migration in all workers at once.
 */
async function waitUntilUp(name: WorkerName, port: number, secret: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  let last = "nothing answered";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/internal/health`, {
        headers: { [internalSecretHeader]: secret },
      });
      const body = await response.text();
      if (response.ok) return;
      last = `it answered ${response.status} ${body.slice(0, 300)}`;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Cannot start split platform: ${name} on port ${port} within 180 s: ${last}`);
}

if (import.meta.main) {
  if (!Deno.env.get("FITCONNECT_WEB_DIR")) {
    await ensureWebBuild({
      info: (message) => console.log(JSON.stringify({ level: "info", message })),
      warn: (message, fields) => console.log(JSON.stringify({ level: "warn", message, ...fields })),
    });
  }
  const { values } = parseArgs({
    args: Deno.args,
    options: { replicas: { type: "string", multiple: true, default: [] } },
  });
  const platform = await startSplit(Deno.env.toObject(), {
    replicas: parseReplicas(values.replicas),
  });
  console.log(JSON.stringify({
    level: "info",
    message: "FitConnect (split) is ready",
    url: platform.url,
    ports: platform.ports,
  }));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, async () => {
      await platform.stop();
      Deno.exit(0);
    });
  }
}
