/**
 * A small RESP2 codec: enough to send commands to redis-server and read its
 * replies (simple strings, errors, integers, bulk strings, arrays). Dev tooling
 * for the Upstash bridge, not production code.
 *
 * @module
 */
import { Buffer } from "node:buffer";

/** One RESP2 reply. Bulk strings stay bytes: Redis values are binary. */
export type RespValue =
  | { type: "simple"; value: string }
  | { type: "error"; message: string }
  | { type: "integer"; value: number }
  | { type: "bulk"; value: Uint8Array | null }
  | { type: "array"; value: RespValue[] | null };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CR = 13;
const LF = 10;

/** Encodes commands, each as a RESP array of bulk strings (how clients must send them). */
export function encodeCommands(commands: readonly (readonly string[])[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const args of commands) {
    parts.push(encoder.encode(`*${args.length}\r\n`));
    for (const arg of args) {
      const bytes = encoder.encode(arg);
      parts.push(encoder.encode(`$${bytes.length}\r\n`), bytes, encoder.encode("\r\n"));
    }
  }
  return Buffer.concat(parts);
}

function lineEnd(buf: Uint8Array, from: number): number {
  for (let i = from; i < buf.length - 1; i++) {
    if (buf[i] === CR && buf[i + 1] === LF) return i;
  }
  return -1;
}

function parseLength(line: string): number {
  const n = Number(line);
  if (!Number.isInteger(n)) throw new Error(`Cannot parse RESP reply: bad length ${line}`);
  return n;
}

/** Parses the reply at `offset`; undefined when `buf` holds only part of it. */
export function parseReply(
  buf: Uint8Array,
  offset = 0,
): { value: RespValue; next: number } | undefined {
  if (offset >= buf.length) return undefined;
  const end = lineEnd(buf, offset + 1);
  if (end < 0) return undefined;
  const line = decoder.decode(buf.subarray(offset + 1, end));
  const next = end + 2;
  switch (String.fromCharCode(buf[offset])) {
    case "+":
      return { value: { type: "simple", value: line }, next };
    case "-":
      return { value: { type: "error", message: line }, next };
    case ":":
      return { value: { type: "integer", value: parseLength(line) }, next };
    case "$": {
      const length = parseLength(line);
      if (length < 0) return { value: { type: "bulk", value: null }, next };
      if (buf.length < next + length + 2) return undefined;
      return {
        value: { type: "bulk", value: buf.slice(next, next + length) },
        next: next + length + 2,
      };
    }
    case "*": {
      const count = parseLength(line);
      if (count < 0) return { value: { type: "array", value: null }, next };
      const items: RespValue[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, at);
        if (!item) return undefined;
        items.push(item.value);
        at = item.next;
      }
      return { value: { type: "array", value: items }, next: at };
    }
    default:
      throw new Error(`Cannot parse RESP reply: unexpected type byte ${buf[offset]}`);
  }
}

/** Reads whole replies from a byte source, buffering partial ones across reads. */
export function createReplyReader(
  read: (into: Uint8Array) => Promise<number | null>,
): { read(): Promise<RespValue> } {
  let buffer: Uint8Array = new Uint8Array(0);
  const chunk = new Uint8Array(64 * 1024);
  return {
    async read() {
      while (true) {
        const parsed = parseReply(buffer);
        if (parsed) {
          buffer = buffer.subarray(parsed.next);
          return parsed.value;
        }
        const n = await read(chunk);
        if (n === null) throw new Error("Cannot read redis reply: connection closed");
        buffer = Buffer.concat([buffer, chunk.subarray(0, n)]);
      }
    },
  };
}
