/**
 * HTTP/1.1 over a plain socket, sending the request line byte for byte.
 *
 * `fetch` and `new Request` resolve `..` and `%2e%2e` before anything is
 * sent, so they cannot test what an attacker's path does to a server: this
 * can (`curl --path-as-is` in code).
 *
 * @module
 */
import { Buffer } from "node:buffer";

/** A parsed answer: status, headers (lower-case names) and body text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What to send besides the method and the raw target. */
export interface RawRequestOptions {
  headers?: Record<string, string>;
  body?: string;
}

/** Sends `method target HTTP/1.1` to `port` on loopback and reads the whole answer. */
export async function rawRequest(
  port: number,
  method: string,
  target: string,
  options: RawRequestOptions = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    connection: "close",
    ...options.headers,
  };
  if (options.body !== undefined) {
    headers["content-length"] = String(new TextEncoder().encode(options.body).length);
  }
  const head = [
    `${method} ${target} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join("\r\n");
  const connection = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await writeAll(connection, new TextEncoder().encode(`${head}\r\n\r\n${options.body ?? ""}`));
    // Reading to the end closes the connection.
    return parseResponse(await readAll(connection));
  } catch (error) {
    connection.close();
    throw error;
  }
}

async function writeAll(connection: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await connection.write(bytes.subarray(written));
}

async function readAll(connection: Deno.Conn): Promise<Uint8Array> {
  return new Uint8Array(await new Response(connection.readable).arrayBuffer());
}

function parseResponse(bytes: Uint8Array): RawResponse {
  const split = indexOf(bytes, crlfcrlf, 0);
  if (split === -1) throw new Error(`Cannot parse HTTP response of ${bytes.length} bytes`);
  const [statusLine, ...lines] = decoder.decode(bytes.subarray(0, split)).split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(split + 4);
  if (headers["transfer-encoding"]?.includes("chunked")) body = unchunk(body);
  return { status, headers, body: decoder.decode(body) };
}

const decoder = new TextDecoder();
const crlf = new Uint8Array([13, 10]);
const crlfcrlf = new Uint8Array([13, 10, 13, 10]);

function indexOf(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Decodes a chunked body: `<hex size>\r\n<bytes>\r\n`, until a chunk of size 0. */
function unchunk(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = indexOf(body, crlf, at);
    if (lineEnd === -1) break;
    const size = parseInt(decoder.decode(body.subarray(at, lineEnd)), 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
