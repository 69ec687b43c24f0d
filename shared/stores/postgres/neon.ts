/**
 * The production Postgres adapter: Neon's serverless driver over WebSockets
 * (a `Pool`, so interactive transactions work, unlike the HTTP `neon()` mode).
 *
 * A dropped connection never crashes the process and a store that cannot be
 * reached is a StoreUnavailableError (./neon_client.ts); the pool replaces
 * broken connections by itself, so service resumes when the store is back.
 *
 * @module
 */
import { Pool } from "@neondatabase/serverless";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-serverless";
import { isConnectionFailure, neonClientClass, typedFailures } from "./neon_client.ts";
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
  /**
   * How long a request waits for a connection (a new one, or a free one of
   * a full pool) before it fails with a 503. Neon wakes a suspended compute
   * in well under a second, so the default (5 s) only cuts off a store that
   * does not answer at all.
   */
  connectTimeoutMs?: number;
}

/** Opens a Neon connection pool; lazy: nothing connects until the first query. */
export function openNeon(options: OpenNeonOptions): Promise<PostgresStore> {
  const pool = new Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
  });
  // The Neon `Pool` ignores a `Client` passed in its config (it overwrites it
  // with its own), but honours one assigned to `pool.Client` before the first connection.
  pool.Client = neonClientClass(options.wsProxy);
  // Failures of the pool itself (no free connection in time, the pool ended) are outages too;
  // `pool.query` connects through this method as well.
  pool.connect = typedFailures(pool.connect.bind(pool), () => true, "no connection");
  // `pool.query` also passes on the error a connection emits while a query runs, as it is.
  pool.query = typedFailures(pool.query.bind(pool), isConnectionFailure, "the connection failed");
  // An idle connection that fails is reported here after the pool dropped it; the next
  // query opens a new one. Without a listener the EventEmitter would throw it.
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
