/**
 * Runs the `wrk` load generator as a subprocess and parses its `--latency`
 * report. Every run goes through a generated Lua script, even plain GETs, so
 * the baseline and the scenarios pay the same client-side cost and every run
 * counts responses whose status is not the one the scenario expects.
 *
 * @module
 */

/** One HTTP request, as wrk will repeat it. */
export interface WrkRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The only status counted as success; without it, any 1xx–3xx is. */
  expectStatus?: number;
}

/** A wrk run: the request plus the load shape. */
export interface WrkOptions extends WrkRequest {
  durationSec: number;
  connections: number;
  threads: number;
  /** Per-request timeout; slower responses are counted as socket timeouts. */
  timeoutSec?: number;
  /** Aborting kills wrk, so Ctrl-C does not leave a load generator running. */
  signal?: AbortSignal;
}

/** wrk's counts of connections that failed below HTTP. */
export interface SocketErrors {
  connect: number;
  read: number;
  write: number;
  timeout: number;
}

/** What one wrk run measured. Latencies are in milliseconds. */
export interface WrkResult {
  requests: number;
  durationSec: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p75: number; p90: number; p99: number };
  /** wrk's own count of responses outside 2xx/3xx (all of them when 404 is expected). */
  non2xx3xx: number;
  /** Responses whose status differed from the expected one (counted by the Lua hook). */
  unexpectedStatus: number;
  socketErrors: SocketErrors;
  /** unexpectedStatus plus every socket error: what a scenario is judged on. */
  errors: number;
}

const msPerUnit: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Converts a wrk time such as `599.00us`, `7.19ms` or `1.11s` to milliseconds. */
export function parseWrkTime(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`Cannot parse wrk time "${text}": expected a number and us|ms|s|m|h`);
  const value = Number(match[1]);
  // Divide for microseconds: 206 / 1000 is exactly 0.206 as a double, 206 * 0.001 is not.
  return match[2] === "us" ? value / 1000 : value * msPerUnit[match[2]];
}

function requireMatch(text: string, pattern: RegExp, what: string): RegExpExecArray {
  const match = pattern.exec(text);
  if (!match) throw new Error(`Cannot parse wrk output: no ${what} line`);
  return match;
}

function percentile(text: string, pct: number): number {
  const match = requireMatch(
    text,
    new RegExp(`^\\s*${pct}%\\s+(\\S+)\\s*$`, "m"),
    `${pct}% latency (was --latency passed?)`,
  );
  return parseWrkTime(match[1]);
}

/** Parses the text wrk prints with `--latency` (and our Lua `done` hook's line). */
export function parseWrkOutput(text: string): WrkResult {
  const rps = requireMatch(text, /^Requests\/sec:\s+([\d.]+)/m, '"Requests/sec"');
  const total = requireMatch(text, /^\s*(\d+) requests in (\S+),/m, '"N requests in T"');
  // wrk prints these two lines only when the count is non-zero.
  const non2xx = /^\s*Non-2xx or 3xx responses: (\d+)/m.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const unexpected = /^Unexpected status responses: (\d+)/m.exec(text);
  const socketErrors: SocketErrors = {
    connect: Number(socket?.[1] ?? 0),
    read: Number(socket?.[2] ?? 0),
    write: Number(socket?.[3] ?? 0),
    timeout: Number(socket?.[4] ?? 0),
  };
  const unexpectedStatus = Number(unexpected?.[1] ?? 0);
  return {
    requests: Number(total[1]),
    durationSec: parseWrkTime(total[2]) / 1000,
    requestsPerSec: Number(rps[1]),
    latencyMs: {
      p50: percentile(text, 50),
      p75: percentile(text, 75),
      p90: percentile(text, 90),
      p99: percentile(text, 99),
    },
    non2xx3xx: Number(non2xx?.[1] ?? 0),
    unexpectedStatus,
    socketErrors,
    errors: unexpectedStatus + Object.values(socketErrors).reduce((sum, n) => sum + n, 0),
  };
}

/**
 * Quotes a string for Lua. Bytes outside printable ASCII become `\ddd` (three
 * digits, so a following digit is never swallowed), which keeps any JSON body
 * or token intact whatever it contains.
 */
export function luaString(value: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(value)) {
    if (byte === 0x22 || byte === 0x5c) out += "\\" + String.fromCharCode(byte);
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += "\\" + String(byte).padStart(3, "0");
  }
  return out + '"';
}

/** The Lua script that sets the request and counts unexpected statuses across threads. */
export function buildLuaScript(request: Omit<WrkRequest, "url">): string {
  const lines = [`wrk.method = ${luaString(request.method ?? "GET")}`];
  if (request.body !== undefined) lines.push(`wrk.body = ${luaString(request.body)}`);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  }
  const isExpected = request.expectStatus === undefined
    ? "status >= 100 and status < 400"
    : `status == ${request.expectStatus}`;
  lines.push(
    // Each wrk thread has its own Lua state: keep the threads to sum their counts in done().
    "local threads = {}",
    "function setup(thread) table.insert(threads, thread) end",
    "function init(args) unexpected = 0 end",
    "function response(status, headers, body)",
    `  if not (${isExpected}) then unexpected = unexpected + 1 end`,
    "end",
    "function done(summary, latency, requests)",
    "  local n = 0",
    '  for _, thread in ipairs(threads) do n = n + thread:get("unexpected") end',
    '  io.write(string.format("Unexpected status responses: %d\\n", n))',
    "end",
  );
  return lines.join("\n") + "\n";
}

/** Runs wrk once and returns what it measured; throws if wrk is missing or fails. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const script = await Deno.makeTempFile({ prefix: "fitconnect-bench-", suffix: ".lua" });
  try {
    await Deno.writeTextFile(script, buildLuaScript(options));
    const args = [
      `--threads=${options.threads}`,
      `--connections=${options.connections}`,
      `--duration=${options.durationSec}s`,
      `--timeout=${options.timeoutSec ?? 5}s`,
      "--latency",
      `--script=${script}`,
      options.url,
    ];
    let output: Deno.CommandOutput;
    try {
      output = await new Deno.Command("wrk", { args, signal: options.signal, stdin: "null" })
        .output();
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new Error("Cannot run wrk: it is not installed (on Debian: apt-get install wrk)");
      }
      throw error;
    }
    const stdout = new TextDecoder().decode(output.stdout);
    if (!output.success) {
      const stderr = new TextDecoder().decode(output.stderr);
      throw new Error(
        `Cannot run wrk against ${options.url}: exit code ${output.code}\n${stderr}${stdout}`,
      );
    }
    return parseWrkOutput(stdout);
  } finally {
    await Deno.remove(script).catch(() => {});
  }
}

/** wrk's version line, for the report; undefined if wrk cannot be run. */
export async function wrkVersion(): Promise<string | undefined> {
  try {
    // `wrk -v` prints its version and usage, then exits 1: read the output regardless.
    const output = await new Deno.Command("wrk", { args: ["-v"], stdin: "null" }).output();
    return new TextDecoder().decode(output.stdout).split("\n")[0].split(" Copyright")[0].trim();
  } catch {
    return undefined;
  }
}
