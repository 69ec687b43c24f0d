/**
 * Dev tool, not production code: a WebSocket-to-TCP proxy that lets the Neon
 * serverless driver (WebSocket mode) reach an ordinary local PostgreSQL, the
 * way Neon's own proxy does in production. Only loopback targets are allowed,
 * so it can never be used to reach another machine.
 *
 * ```sh
 * deno run --allow-net tools/neon_ws_proxy.ts --port 5481
 * # then: NEON_WS_PROXY=127.0.0.1:5481 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";

/** Options of {@linkcode startNeonWsProxy}. */
export interface NeonWsProxyOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on; loopback by default. */
  hostname?: string;
}

/** A running proxy. */
export interface NeonWsProxy {
  /** The port actually listened on. */
  port: number;
  /** Closes every open tunnel, then stops listening. */
  shutdown(): Promise<void>;
}

/** Starts the proxy: `ws://host:port/v1?address=<pg-host>:<pg-port>`. */
export function startNeonWsProxy(options: NeonWsProxyOptions): NeonWsProxy {
  const tunnels = new Set<() => void>();
  const server = Deno.serve({
    port: options.port,
    hostname: options.hostname ?? "127.0.0.1",
    onListen: () => {},
  }, (request) => handle(request, tunnels));
  return {
    port: server.addr.port,
    async shutdown() {
      for (const close of tunnels) close();
      await server.shutdown();
    },
  };
}

async function handle(request: Request, tunnels: Set<() => void>): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname !== "/v1") return new Response("Not found\n", { status: 404 });
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return new Response("Expected a WebSocket upgrade\n", { status: 426 });
  }
  const target = parseAddress(url.searchParams.get("address") ?? "");
  if (typeof target === "string") return new Response(`${target}\n`, { status: 400 });
  if (!isLoopback(target.hostname)) {
    return new Response(`Cannot proxy to ${target.hostname}: not a loopback address\n`, {
      status: 403,
    });
  }
  // Connect before upgrading so that an unreachable server is a clear HTTP
  // error for the client rather than a WebSocket that opens then closes.
  let conn: Deno.TcpConn;
  try {
    conn = await Deno.connect({ hostname: target.hostname, port: target.port });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new Response(`Cannot connect to ${target.hostname}:${target.port}: ${reason}\n`, {
      status: 502,
    });
  }
  const { socket, response } = Deno.upgradeWebSocket(request);
  pipe(socket, conn, tunnels);
  return response;
}

/** Pipes bytes both ways; whichever side closes first closes the other. */
function pipe(socket: WebSocket, conn: Deno.TcpConn, tunnels: Set<() => void>): void {
  socket.binaryType = "arraybuffer";
  const writer = conn.writable.getWriter();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    tunnels.delete(close);
    try {
      conn.close();
    } catch {
      // Already closed by the peer: nothing left to release.
    }
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
      socket.close();
    }
  };
  tunnels.add(close);

  // The writer queues chunks, so frames reach Postgres in the order received.
  socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
    const bytes = typeof event.data === "string"
      ? new TextEncoder().encode(event.data)
      : new Uint8Array(event.data);
    writer.write(bytes).catch(close);
  };
  socket.onclose = close;
  socket.onerror = close;

  // Start reading only once the socket is open: sending earlier would throw.
  socket.onopen = async () => {
    try {
      for await (const chunk of conn.readable) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(chunk);
      }
    } catch {
      // The connection was reset or closed by `close`: end the tunnel below.
    }
    close();
  };
}

function parseAddress(address: string): { hostname: string; port: number } | string {
  const colon = address.lastIndexOf(":");
  if (colon <= 0) return `Cannot parse address "${address}": expected host:port`;
  const hostname = address.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  const port = Number(address.slice(colon + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return `Cannot parse address "${address}": invalid port`;
  }
  return { hostname, port };
}

/** 127.0.0.0/8, `localhost` and `::1` only. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127" &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { port: { type: "string", default: "5481" }, hostname: { type: "string" } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Cannot parse --port "${values.port}": expected 0-65535`);
    Deno.exit(2);
  }
  const hostname = values.hostname ?? "127.0.0.1";
  const proxy = startNeonWsProxy({ port, hostname });
  console.log(
    `neon_ws_proxy listening on ws://${hostname}:${proxy.port}/v1 (loopback targets only)`,
  );
}
