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
import { cliValues, wholeNumberFlag } from "./cli.ts";

/** Options of {@linkcode startNeonWsProxy}. */
export interface NeonWsProxyOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on; loopback by default. */
  hostname?: string;
  /**
   * Simulated network round trip to the database, in ms: each message is held
   * half of it on the way in and half on the way out, in order, so one query
   * costs what it would from an edge region that far away. 0 by default.
   */
  latencyMs?: number;
}

/** What the proxy has carried, for benches that count database round trips. */
export interface NeonWsProxyStats {
  /** WebSocket messages from clients to PostgreSQL: each is one round trip the driver waits on. */
  messagesToServer: number;
  /** Tunnels opened (a new connection, counted apart from queries). */
  tunnelsOpened: number;
}

/** A running proxy. */
export interface NeonWsProxy {
  /** The port actually listened on. */
  port: number;
  /** Live counters; also served as JSON at `GET /stats`. */
  stats: NeonWsProxyStats;
  /** Closes every open tunnel, then stops listening. */
  shutdown(): Promise<void>;
}

/** Starts the proxy: `ws://host:port/v1?address=<pg-host>:<pg-port>`. */
export function startNeonWsProxy(options: NeonWsProxyOptions): NeonWsProxy {
  const tunnels = new Set<() => void>();
  const stats: NeonWsProxyStats = { messagesToServer: 0, tunnelsOpened: 0 };
  const delay = delayer(options.latencyMs ?? 0);
  const server = Deno.serve({
    port: options.port,
    hostname: options.hostname ?? "127.0.0.1",
    onListen: () => {},
  }, (request) => handle(request, { tunnels, stats, delay }));
  return {
    port: server.addr.port,
    stats,
    async shutdown() {
      for (const close of tunnels) close();
      await server.shutdown();
    },
  };
}

/** Runs each step after half the round trip; equal delays keep the order messages came in. */
type Delay = (step: () => void) => void;

function delayer(latencyMs: number): Delay {
  if (latencyMs <= 0) return (step) => step();
  return (step) => setTimeout(step, latencyMs / 2);
}

interface ProxyState {
  tunnels: Set<() => void>;
  stats: NeonWsProxyStats;
  delay: Delay;
}

async function handle(request: Request, state: ProxyState): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === "/stats") return Response.json(state.stats);
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
  state.stats.tunnelsOpened++;
  pipe(socket, conn, state);
  return response;
}

/** Pipes bytes both ways; whichever side closes first closes the other. */
function pipe(socket: WebSocket, conn: Deno.TcpConn, { tunnels, stats, delay }: ProxyState): void {
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
    stats.messagesToServer++;
    delay(() => writer.write(bytes).catch(close));
  };
  socket.onclose = close;
  socket.onerror = close;

  // Start reading only once the socket is open: sending earlier would throw.
  socket.onopen = async () => {
    try {
      for await (const chunk of conn.readable) {
        if (socket.readyState !== WebSocket.OPEN) break;
        delay(() => socket.readyState === WebSocket.OPEN && socket.send(chunk));
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

const usage = `Usage: deno task dev:neon-proxy [--port 5481] [--hostname 127.0.0.1] [--latency-ms 0]

A WebSocket-to-TCP proxy that lets the Neon serverless driver reach a local
PostgreSQL, as Neon's proxy does in production (loopback targets only).

  --port        port to listen on (0 picks a free one; default 5481)
  --hostname    interface to listen on (default 127.0.0.1)
  --latency-ms  simulated round trip to the database, e.g. 20 for an edge region
                (each message waits half of it each way; default 0)

Then: NEON_WS_PROXY=127.0.0.1:5481 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
GET /stats answers {"messagesToServer", "tunnelsOpened"}, for counting round trips.`;

if (import.meta.main) {
  const values = cliValues(Deno.args, {
    usage,
    options: {
      port: { type: "string", default: "5481" },
      hostname: { type: "string", default: "127.0.0.1" },
      "latency-ms": { type: "string", default: "0" },
    },
  });
  const port = wholeNumberFlag("port", values.port, [0, 65535], usage);
  const latencyMs = wholeNumberFlag("latency-ms", values["latency-ms"], [0, 10_000], usage);
  const hostname = values.hostname;
  const proxy = startNeonWsProxy({ port, hostname, latencyMs });
  console.log(
    `neon_ws_proxy listening on ws://${hostname}:${proxy.port}/v1 (loopback targets only` +
      `${latencyMs ? `, ${latencyMs} ms round trip` : ""})`,
  );
}
