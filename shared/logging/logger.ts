/**
 * JSON-lines logging: one object a line, with the worker, the request id and
 * the route, so a request can be followed across workers by its id.
 *
 * Lines are buffered and written in batches: a write per request would cost
 * more than the request itself on the hot path.
 *
 * @module
 */

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Fields added to a line; values must be JSON-serialisable. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** True when lines at `level` are written: skip building costly fields otherwise. */
  isEnabled(level: LogLevel): boolean;
  /** A logger whose lines all carry `fields` too. */
  with(fields: LogFields): Logger;
}

/** Where finished lines go. The default writes batches to stdout. */
export interface LogSink {
  write(line: string): void;
}

/** Options of `createLogger`. */
export interface LoggerOptions {
  level?: LogLevel;
  sink?: LogSink;
  fields?: LogFields;
}

/** A logger writing JSON lines at or above `level` to `sink`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = rank[options.level ?? "info"];
  const sink = options.sink ?? stdoutSink;
  const base = options.fields ?? {};
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (rank[level] < threshold) return;
    sink.write(
      JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...fields }),
    );
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    isEnabled: (level) => rank[level] >= threshold,
    with: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** Batches lines and writes them to stdout once per tick of the event loop. */
function createStdoutSink(): LogSink {
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const text = pending.join("\n") + "\n";
    pending = [];
    const bytes = encoder.encode(text);
    // writeSync may write less than asked to a pipe: loop until all is out.
    for (let offset = 0; offset < bytes.length;) {
      offset += Deno.stdout.writeSync(bytes.subarray(offset));
    }
  };
  return {
    write(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setTimeout(flush, 0);
      }
    },
  };
}

const stdoutSink: LogSink = createStdoutSink();

/** A sink that keeps lines in memory, for tests that assert on logs. */
export function memorySink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => void lines.push(line) };
}
