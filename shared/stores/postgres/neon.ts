/**
 * The production Postgres adapter: Neon's serverless driver over WebSockets
 * (a `Pool`, so interactive transactions work, unlike the HTTP `neon()` mode).
 *
 * A dropped connection never crashes the process, a store that cannot be
 * reached is a StoreUnavailableError, and the pool replaces broken
 * connections by itself, so service resumes when the store is back
 * (./neon_pool.ts).
 *
 * @module
 */
import { Pool } from "@neondatabase/serverless";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-serverless";
import { hardenPool } from "./neon_pool.ts";
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
  hardenPool(pool, options.wsProxy);
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
