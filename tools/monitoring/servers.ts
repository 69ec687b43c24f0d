/**
 * Prometheus and the Pushgateway from Debian's packages (`prometheus`,
 * `prometheus-pushgateway`), started as child processes on loopback and
 * waited for until ready. Used by `deno task monitoring` and by
 * tests/monitoring_test.ts.
 *
 * @module
 */

/** The Debian package of each binary. */
const packages = {
  prometheus: "prometheus",
  promtool: "prometheus",
  "prometheus-pushgateway": "prometheus-pushgateway",
} as const;

/** A binary this module runs. */
export type MonitoringBinary = keyof typeof packages;

/** True when `binary` is on the PATH. */
export async function hasBinary(binary: MonitoringBinary): Promise<boolean> {
  const { success } = await new Deno.Command("sh", {
    args: ["-c", `command -v ${binary}`],
    stdout: "null",
    stderr: "null",
  }).output();
  return success;
}

/** The binaries missing from the PATH. */
export async function missingBinaries(
  binaries: readonly MonitoringBinary[] = ["prometheus", "promtool", "prometheus-pushgateway"],
): Promise<MonitoringBinary[]> {
  const missing: MonitoringBinary[] = [];
  for (const binary of binaries) if (!(await hasBinary(binary))) missing.push(binary);
  return missing;
}

/** Installs the Debian packages of `binaries` with apt-get (needs root). */
export async function installBinaries(binaries: readonly MonitoringBinary[]): Promise<void> {
  const names = [...new Set(binaries.map((binary) => packages[binary]))];
  if (names.length === 0) return;
  for (
    const args of [
      ["update", "-qq"],
      ["install", "-y", "-qq", "--no-install-recommends", ...names],
    ]
  ) {
    const { success } = await new Deno.Command("apt-get", {
      args,
      env: { DEBIAN_FRONTEND: "noninteractive" },
      stdout: "inherit",
      stderr: "inherit",
    }).spawn().status;
    if (!success) throw new Error(`Cannot install ${names.join(", ")}: apt-get ${args[0]} failed`);
  }
}

/** A server this module started. */
export interface MonitoringServer {
  url: string;
  /** Stops the process (SIGTERM) and waits for it. */
  stop(): Promise<void>;
}

/** How long a server may take to become ready (Prometheus replays its WAL first). */
const readyTimeoutMs = 30_000;

async function startServer(
  binary: MonitoringBinary,
  args: string[],
  port: number,
  logFile: string,
): Promise<MonitoringServer> {
  const log = await Deno.open(logFile, { create: true, write: true, truncate: true });
  const child = new Deno.Command(binary, {
    args,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Both streams to the log file, so a failed start can be read afterwards.
  const writer = log.writable.getWriter();
  const pipe = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) await writer.write(chunk).catch(() => {});
  };
  const piped = Promise.all([pipe(child.stdout), pipe(child.stderr)])
    .finally(() => writer.close().catch(() => {}));
  let exited = false;
  const status = child.status.then((status) => {
    exited = true;
    return status;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
    }
    await status;
    await piped;
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (true) {
    if (exited) {
      await piped;
      throw new Error(`${binary} exited before it was ready; see ${logFile}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      await response.body?.cancel();
      if (response.ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${binary} was not ready on ${url} after ${readyTimeoutMs} ms; see ${logFile}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts a Pushgateway on 127.0.0.1:`port`, logging to `logFile`, keeping what it is pushed in
 * memory only. Debian's package makes `/var/lib/prometheus/pushgateway.data` the default
 * persistence file, so every Pushgateway started without the flag would load the last one's
 * groups: a suite's own would begin with another run's totals (seen: a pushed counter at 24 from
 * the run before, then this run's 12).
 */
export function startPushgateway(port: number, logFile: string): Promise<MonitoringServer> {
  return startServer(
    "prometheus-pushgateway",
    [`--web.listen-address=127.0.0.1:${port}`, "--persistence.file="],
    port,
    logFile,
  );
}

/** Starts Prometheus on 127.0.0.1:`port` with `configFile`, keeping its data in `dataDir`. */
export function startPrometheus(
  options: { port: number; configFile: string; dataDir: string; logFile: string },
): Promise<MonitoringServer> {
  return startServer(
    "prometheus",
    [
      `--config.file=${options.configFile}`,
      `--storage.tsdb.path=${options.dataDir}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      "--storage.tsdb.retention.time=7d",
    ],
    options.port,
    options.logFile,
  );
}
