/**
 * What may be logged about an error without logging data. Store errors carry
 * data in their messages: drizzle's "Failed query: … params: …" holds the
 * query's parameters (emails, password hashes, payloads), a Postgres message
 * can quote a value ("invalid input syntax for type uuid: …"), and an
 * UpstashError quotes the whole command, keys and values included. Logs keep
 * each error's name, its SQLSTATE and the query text, never those messages.
 *
 * @module
 */

/** An error with a SQLSTATE: Postgres put it there, so its message may quote values. */
const sqlState = /^[0-9A-Z]{5}$/;

/** How far down a chain of causes a description goes. */
const maxDepth = 5;

/** One line: each error of the chain as `name`, `name [SQLSTATE]` or `name: message`, joined by " <- ". */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && e !== null && parts.length < maxDepth;) {
    if (seen.has(e)) break;
    seen.add(e);
    parts.push(describeOne(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(" <- ");
}

/** The stack's frames without its first line, which repeats the (unsafe) message. */
export function stackFrames(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.stack === undefined) return undefined;
  // The message may span lines (drizzle's does); frames are the lines that start with "at".
  const frames = error.stack.split("\n").filter((line) => line.trimStart().startsWith("at "));
  return frames.length > 0 ? frames.join("\n") : undefined;
}

function describeOne(e: unknown): string {
  if (!(e instanceof Error)) {
    // The Neon driver rejects with the WebSocket's ErrorEvent: its message names the network fault.
    if (e instanceof ErrorEvent) return `ErrorEvent: ${e.message}`;
    return typeof e === "object" ? Object.prototype.toString.call(e) : typeof e;
  }
  // drizzle leaves `name` at "Error" and pg sets "error": the class says more (DrizzleQueryError).
  const name = e.name.toLowerCase() === "error" && e.constructor.name ? e.constructor.name : e.name;
  const fields = e as Error & { query?: unknown; params?: unknown; code?: unknown };
  if (typeof fields.query === "string" && "params" in fields) {
    return `${name}: query ${JSON.stringify(fields.query)}`;
  }
  if (typeof fields.code === "string" && sqlState.test(fields.code)) {
    return `${name} [${fields.code}]`;
  }
  if (name === "UpstashError" || name === "UpstashJSONParseError") return name;
  return `${name}: ${e.message}`;
}
