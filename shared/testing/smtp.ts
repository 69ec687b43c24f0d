/**
 * A real SMTP server on loopback for tests: `smtp-server` on 127.0.0.1 and
 * a port the kernel picks, accepting every message without authentication
 * (STARTTLS off) and keeping what it received, parsed just enough to assert
 * on: the From, To and Subject headers and the plain-text body.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { AddressInfo } from "node:net";
// The package's own types: @types/smtp-server pulls in @types/node, which clashes with Deno's globals.
import { SMTPServer } from "smtp-server";

/** One message as the server received it. */
export interface ReceivedEmail {
  /** The `From` header, decoded. */
  from: string;
  /** The `To` header, decoded. */
  to: string;
  subject: string;
  /** The plain-text body, transfer encoding undone, without the final line break. */
  text: string;
  /** The message as sent (headers and encoded body). */
  raw: string;
}

/** A running test SMTP server. */
export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`. */
  url: string;
  /** Every message accepted so far, in order. */
  messages: ReceivedEmail[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts a server that accepts (and keeps) every message. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Pooled client connections stay open: drop them soon after close().
    closeTimeout: 100,
    onData(stream, _session, callback) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const raw = new TextDecoder().decode(Buffer.concat(chunks));
        messages.push({ ...parseMessage(raw), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers and single-part plain body of an RFC 5322 message. */
export function parseMessage(raw: string): Omit<ReceivedEmail, "raw"> {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  // Folded lines continue with whitespace.
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  const header = (name: string) => decodeWords(headers.get(name) ?? "");
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const text = encoding === "base64"
    ? utf8(base64Bytes(body))
    : encoding === "quoted-printable"
    ? utf8(quotedPrintableBytes(body))
    : body;
  return {
    from: header("from"),
    to: header("to"),
    subject: header("subject"),
    text: text.replace(/\r\n/g, "\n").replace(/\n$/, ""),
  };
}

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function base64Bytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replace(/\s+/g, "")), (char) => char.charCodeAt(0));
}

function quotedPrintableBytes(text: string): Uint8Array {
  const input = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(input[i]));
    }
  }
  return Uint8Array.from(bytes);
}

/** Undoes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(
      /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g,
      (_, kind: string, data: string) =>
        kind.toUpperCase() === "B"
          ? utf8(base64Bytes(data))
          : utf8(quotedPrintableBytes(data.replaceAll("_", " "))),
    );
}
