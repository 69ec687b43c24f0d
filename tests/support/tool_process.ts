/**
 * A dev tool of `tools/` (the Neon WebSocket proxy, the Upstash REST bridge)
 * in a process of its own on a fixed port, so a fault test can kill it the
 * way a crash would (SIGKILL: its connections die without a goodbye) and
 * start it again on the same port.
 *
 * @module
 */

/** A tool process that can be stopped and started again. */
export interface ToolProcess {
  port: number;
  /** Kills the process with SIGKILL and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts the tool again on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
}

/** How long a tool may take to listen (a cold `deno run` compiles it first). */
const startTimeoutMs = 20_000;

/** Starts `tools/<script>` with `--port <port>` and `args`; resolves once it listens. */
export async function startTool(
  script: "neon_ws_proxy.ts" | "upstash_bridge.ts",
  port: number,
  args: string[] = [],
): Promise<ToolProcess> {
  const path = new URL(`../../tools/${script}`, import.meta.url).pathname;
  let child: Deno.ChildProcess | undefined;

  async function start() {
    child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net", "--allow-env", path, "--port", String(port), ...args],
      stdin: "null",
      stdout: "null",
      stderr: "inherit",
    }).spawn();
    await untilListening(port, child);
  }

  async function stop() {
    if (!child) return;
    const stopping = child;
    child = undefined;
    try {
      stopping.kill("SIGKILL");
    } catch {
      // Already gone.
    }
    await stopping.status;
  }

  await start();
  return { port, start, stop };
}

/** Waits until something accepts TCP connections on `port`, failing if `child` exits first. */
async function untilListening(port: number, child: Deno.ChildProcess): Promise<void> {
  let exited = false;
  child.status.then(() => exited = true);
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`Cannot start the tool on port ${port}: it exited`);
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(
    `Cannot start the tool on port ${port}: not listening after ${startTimeoutMs} ms`,
  );
}
