/**
 * Dev tool, not production code: an HTTP server speaking the Upstash Redis REST
 * protocol in front of a real redis-server, so the production adapter
 * (@upstash/redis) is tested against real Redis on loopback.
 *
 * Protocol, as @upstash/redis 1.39 uses it: POST `/` with a JSON command array
 * answers `{ result }`, or `{ error }` with 400; POST `/pipeline` answers one
 * `{ result } | { error }` per command; POST `/multi-exec` runs the commands in
 * MULTI/EXEC and answers the same shape. `Authorization: Bearer <token>` is
 * required. With `Upstash-Encoding: base64` (the client's default) string
 * results are base64 of their bytes, except the status `OK`.
 *
 * ```sh
 * deno run --allow-net --allow-env tools/upstash_bridge.ts --port 8079 --redis 127.0.0.1:6379 --token dev-token
 * ```
 *
 * @module
 */

import { cliValues, wholeNumberFlag } from "./cli.ts";
import { createReplyReader, encodeCommands, type RespValue } from "./resp.ts";

export interface UpstashBridgeOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1: a dev tool has no business on other interfaces. */
  hostname?: string;
  /** `host:port` (or `redis://host:port`) of the redis-server. */
  redis: string;
  token: string;
}

/** What the bridge has carried, for benches that count key-value round trips. */
export interface UpstashBridgeStats {
  /** Authorised REST requests: each is one round trip the client waits on. */
  requests: number;
  /** Redis commands they carried (a pipeline or a transaction carries several). */
  commands: number;
}

export interface UpstashBridge {
  port: number;
  url: string;
  /** Live counters; also served as JSON at `GET /stats` (with the token). */
  stats: UpstashBridgeStats;
  shutdown(): Promise<void>;
}

interface RedisConnection {
  /** Writes the commands in one go (pipelining) and reads one reply per command. */
  send(commands: readonly string[][]): Promise<RespValue[]>;
  close(): void;
}

/** Commands that would change a pooled connection's state for the next request. */
const CONNECTION_STATE_COMMANDS = new Set([
  "AUTH",
  "DISCARD",
  "EXEC",
  "HELLO",
  "MONITOR",
  "MULTI",
  "PSUBSCRIBE",
  "PSYNC",
  "QUIT",
  "RESET",
  "SELECT",
  "SSUBSCRIBE",
  "SUBSCRIBE",
  "SYNC",
  "UNWATCH",
  "WATCH",
]);

const MAX_CONNECTIONS = 32;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A request the bridge refuses before it reaches Redis (answered with 400). */
class BadRequest extends Error {}

function parseAddress(address: string): { hostname: string; port: number } {
  const url = new URL(address.includes("://") ? address : `redis://${address}`);
  return { hostname: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 6379) };
}

async function connectRedis(address: { hostname: string; port: number }): Promise<RedisConnection> {
  const conn = await Deno.connect(address);
  const reader = createReplyReader((into) => conn.read(into));
  return {
    async send(commands) {
      const bytes = encodeCommands(commands);
      for (let written = 0; written < bytes.length;) {
        written += await conn.write(bytes.subarray(written));
      }
      const replies: RespValue[] = [];
      for (const _ of commands) replies.push(await reader.read());
      return replies;
    },
    close() {
      try {
        conn.close();
      } catch {
        // Already closed by the peer.
      }
    },
  };
}

/** A few connections reused across requests; one is never shared by two requests at once. */
function createPool(address: { hostname: string; port: number }) {
  const idle: RedisConnection[] = [];
  const waiting: (() => void)[] = [];
  let open = 0;
  let closed = false;

  async function acquire(): Promise<RedisConnection> {
    while (true) {
      if (closed) throw new Error("Cannot reach redis: the bridge is shutting down");
      const connection = idle.pop();
      if (connection) return connection;
      if (open < MAX_CONNECTIONS) {
        open++;
        try {
          return await connectRedis(address);
        } catch (error) {
          open--;
          throw new Error(`Cannot reach redis at ${address.hostname}:${address.port}`, {
            cause: error,
          });
        }
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  }

  function release(connection: RedisConnection, healthy: boolean) {
    if (healthy && !closed) {
      idle.push(connection);
    } else {
      // A connection that failed mid-reply may hold unread replies: never reuse it.
      connection.close();
      open--;
    }
    waiting.shift()?.();
  }

  return {
    async send(commands: readonly string[][]): Promise<RespValue[]> {
      const connection = await acquire();
      try {
        const replies = await connection.send(commands);
        release(connection, true);
        return replies;
      } catch (error) {
        release(connection, false);
        throw error;
      }
    },
    close() {
      closed = true;
      for (const connection of idle.splice(0)) connection.close();
      for (const wake of waiting.splice(0)) wake();
    },
  };
}

function parseCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("ERR a command must be a non-empty JSON array");
  }
  const args: string[] = [];
  for (const arg of value) {
    if (typeof arg === "string") args.push(arg);
    else if (typeof arg === "number" || typeof arg === "boolean") args.push(String(arg));
    else throw new BadRequest("ERR command arguments must be strings or numbers");
  }
  if (CONNECTION_STATE_COMMANDS.has(args[0].toUpperCase())) {
    throw new BadRequest(`ERR ${args[0]} is not supported over REST`);
  }
  return args;
}

function parseCommands(value: unknown): string[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequest("ERR the body must be a non-empty JSON array of commands");
  }
  return value.map(parseCommand);
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

type Json = string | number | null | Json[];

function toJson(reply: RespValue, encode: boolean): Json {
  switch (reply.type) {
    case "simple":
      // The client keeps a bare "OK" as is and base64-decodes every other string.
      return encode && reply.value !== "OK" ? base64(encoder.encode(reply.value)) : reply.value;
    case "error":
      return reply.message;
    case "integer":
      return reply.value;
    case "bulk":
      if (reply.value === null) return null;
      return encode ? base64(reply.value) : decoder.decode(reply.value);
    case "array":
      return reply.value === null ? null : reply.value.map((item) => toJson(item, encode));
  }
}

function toEntry(reply: RespValue, encode: boolean): { result: Json } | { error: string } {
  return reply.type === "error" ? { error: reply.message } : { result: toJson(reply, encode) };
}

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

async function runMultiExec(
  pool: ReturnType<typeof createPool>,
  commands: string[][],
  encode: boolean,
): Promise<Response> {
  // MULTI, the commands and EXEC go out together on one connection, so nothing interleaves.
  const replies = await pool.send([["MULTI"], ...commands, ["EXEC"]]);
  const queueError = replies.slice(0, -1).find((reply) => reply.type === "error");
  if (queueError?.type === "error") return json({ error: queueError.message }, 400);
  const exec = replies[replies.length - 1];
  if (exec.type === "error") return json({ error: exec.message }, 400);
  if (exec.type !== "array" || exec.value === null) {
    return json({ error: "EXECABORT Transaction discarded" }, 400);
  }
  return json(exec.value.map((reply) => toEntry(reply, encode)));
}

/** Starts the bridge; connections to Redis open lazily, on the first request. */
export function startUpstashBridge(options: UpstashBridgeOptions): UpstashBridge {
  const pool = createPool(parseAddress(options.redis));
  const hostname = options.hostname ?? "127.0.0.1";
  const stats: UpstashBridgeStats = { requests: 0, commands: 0 };
  const counted = (commands: string[][]) => {
    stats.requests++;
    stats.commands += commands.length;
    return commands;
  };

  async function handle(request: Request): Promise<Response> {
    if (request.headers.get("authorization") !== `Bearer ${options.token}`) {
      return json({ error: "Unauthorized" }, 401);
    }
    const path = new URL(request.url).pathname.replace(/\/+$/, "") || "/";
    if (request.method === "GET" && path === "/stats") return json(stats);
    if (request.method !== "POST") return json({ error: "ERR only POST is supported" }, 405);
    const encode = request.headers.get("upstash-encoding")?.toLowerCase() === "base64";
    try {
      const body: unknown = await request.json().catch(() => {
        throw new BadRequest("ERR the body is not valid JSON");
      });
      if (path === "/") {
        const [reply] = await pool.send(counted([parseCommand(body)]));
        return json(toEntry(reply, encode), reply.type === "error" ? 400 : 200);
      }
      if (path === "/pipeline") {
        const replies = await pool.send(counted(parseCommands(body)));
        return json(replies.map((reply) => toEntry(reply, encode)));
      }
      if (path === "/multi-exec") {
        return await runMultiExec(pool, counted(parseCommands(body)), encode);
      }
      return json({ error: `ERR ${path} is not supported: use /, /pipeline or /multi-exec` }, 404);
    } catch (error) {
      if (error instanceof BadRequest) return json({ error: error.message }, 400);
      const cause = error instanceof Error && error.cause instanceof Error
        ? `: ${error.cause}`
        : "";
      return json({ error: `${error instanceof Error ? error.message : error}${cause}` }, 502);
    }
  }

  const server = Deno.serve({ port: options.port, hostname, onListen() {} }, handle);
  const port = server.addr.port;
  return {
    port,
    url: `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`,
    stats,
    async shutdown() {
      await server.shutdown();
      pool.close();
    },
  };
}

const usage =
  `Usage: deno task dev:upstash-bridge --token <token> [--port 8079] [--hostname 127.0.0.1] [--redis 127.0.0.1:6379]

An HTTP server speaking the Upstash Redis REST protocol in front of a real
redis-server, so the production adapter runs against real Redis locally.

  --token     the bearer token clients must send (or set UPSTASH_REDIS_REST_TOKEN)
  --port      port to listen on (0 picks a free one; default 8079)
  --hostname  interface to listen on (default 127.0.0.1)
  --redis     the redis-server to forward to (default 127.0.0.1:6379)

Then: UPSTASH_REDIS_REST_URL=http://127.0.0.1:8079 UPSTASH_REDIS_REST_TOKEN=<token>
GET /stats (with the token) answers {"requests", "commands"}, for counting round trips.`;

if (import.meta.main) {
  const values = cliValues(Deno.args, {
    usage,
    options: {
      port: { type: "string", default: "8079" },
      hostname: { type: "string", default: "127.0.0.1" },
      redis: { type: "string", default: "127.0.0.1:6379" },
      token: { type: "string" },
    },
  });
  const token = values.token ?? Deno.env.get("UPSTASH_REDIS_REST_TOKEN");
  const port = wholeNumberFlag("port", values.port, [0, 65535], usage);
  if (!token) {
    console.error(`Pass --token or set UPSTASH_REDIS_REST_TOKEN.\n\n${usage}`);
    Deno.exit(2);
  }
  const bridge = startUpstashBridge({
    port,
    hostname: values.hostname,
    redis: values.redis,
    token,
  });
  console.log(`Upstash REST bridge listening on ${bridge.url} (redis ${values.redis})`);
  Deno.addSignalListener("SIGINT", async () => {
    await bridge.shutdown();
    Deno.exit(0);
  });
}
