/**
 * A Neon `Pool` that outlives its connections: broken ones are dropped and
 * replaced, none is lost to a failed transaction, and every failure to reach
 * the store leaves as a StoreUnavailableError (see ./neon_client.ts).
 *
 * @module
 */
import { type Pool, type PoolClient } from "@neondatabase/serverless";
import { StoreUnavailableError } from "../unavailable.ts";
import { isConnectionFailure, neonClientClass, typedFailures } from "./neon_client.ts";

/** Makes `pool` survive dropped connections; call before its first query. */
export function hardenPool(pool: Pool, wsProxy?: string): void {
  // The Neon `Pool` ignores a `Client` passed in its config (it overwrites it
  // with its own), but honours one assigned to `pool.Client` before the first connection.
  pool.Client = neonClientClass(wsProxy);
  const connect = pool.connect.bind(pool);
  const connectWithCallback = typedFailures(connect, () => true, "no connection");
  const typed = (error: unknown) =>
    error instanceof StoreUnavailableError
      ? error
      : new StoreUnavailableError("postgres", "no connection", { cause: error });
  pool.connect = ((callback?: Parameters<Pool["connect"]>[0]) => {
    // `pool.query` checks out with a callback and releases the client itself.
    if (callback) return connectWithCallback(callback);
    return connect().then(releasedWhenBroken, (error) => Promise.reject(typed(error)));
  }) as Pool["connect"];
  // `pool.query` passes on the error a connection emits while a query runs, as it is.
  pool.query = typedFailures(pool.query.bind(pool), isConnectionFailure, "the connection failed");
  // An idle connection that fails is reported here after the pool dropped it; the next
  // query opens a new one. Without a listener the EventEmitter would throw it.
  pool.on("error", () => {});
}

/**
 * A checked-out client (drizzle's transactions) that goes back to the pool
 * as soon as its connection breaks. drizzle sends `begin` before the block
 * that releases the client, so a connection that breaks under `begin` was
 * never released: each such failure kept one of the pool's connections
 * checked out for good, until the pool had none left. Releasing with the
 * error makes the pool drop it; the holder's own release becomes a no-op.
 */
function releasedWhenBroken(client: PoolClient): PoolClient {
  const release = client.release;
  let released = false;
  const onBroken = (error: unknown) => {
    client.release(error instanceof Error ? error : new Error("the connection failed"));
  };
  client.release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener("error", onBroken);
    release(error);
  };
  client.once("error", onBroken);
  return client;
}
