/**
 * The production Postgres adapter: Neon's serverless driver over WebSockets
 * (a `Pool`, so interactive transactions work, unlike the HTTP `neon()` mode).
 *
 * @module
 */
import { Client, Pool } from "@neondatabase/serverless";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-serverless";
import type { PostgresStore } from "./port.ts";

/** Options of {@linkcode openNeon}. */
export interface OpenNeonOptions {
  /** A `postgres://` connection string. */
  url: string;
  /**
   * `host:port` of a plain-WebSocket-to-TCP proxy (tools/neon_ws_proxy.ts) in
   * front of an ordinary PostgreSQL, for tests and local development.
   */
  wsProxy?: string;
  /** Maximum connections in the pool; Neon bills and limits per connection. */
  max?: number;
}

/** Opens a Neon connection pool; lazy: nothing connects until the first query. */
export function openNeon(options: OpenNeonOptions): Promise<PostgresStore> {
  const pool = new Pool({ connectionString: options.url, max: options.max ?? 10 });
  if (options.wsProxy !== undefined) pool.Client = localProxyClient(options.wsProxy);
  // A failed idle connection (server restart, proxy gone) must not crash the
  // process; the pool drops it and the next query opens a new one.
  pool.on("error", () => {});
  const db = drizzle({ client: pool });
  return Promise.resolve({
    db,
    kind: "neon",
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  });
}

/**
 * A `Client` class configured for a local proxy. The settings live on each
 * client's own `neonConfig` (its socket), not on the global `neonConfig`, so a
 * proxied pool and a real Neon pool can coexist in one process. The Neon `Pool`
 * ignores a `Client` passed in its config (it overwrites it with its own), but
 * honours one assigned to `pool.Client` before the first connection.
 */
function localProxyClient(wsProxy: string): typeof Client {
  return class LocalProxyClient extends Client {
    constructor(config?: ConstructorParameters<typeof Client>[0]) {
      super(config);
      const socket = this.neonConfig;
      socket.wsProxy = (host, port) => `${wsProxy}/v1?address=${host}:${port}`;
      // The local proxy speaks plain ws:// and Postgres has no TLS on loopback.
      socket.useSecureWebSocket = false;
      // Pipelining assumes Neon's proxy (cleartext password auth, TLS
      // pre-negotiated); a real PostgreSQL needs the ordinary handshake.
      socket.pipelineConnect = false;
      socket.pipelineTLS = false;
    }
  };
}
