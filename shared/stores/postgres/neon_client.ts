/**
 * The connection class of every Neon pool: survives a dropped connection and
 * reports it as a {@linkcode StoreUnavailableError}.
 *
 * - A `Client` is an EventEmitter, and an EventEmitter throws an `error` it
 *   emits with no listener. The pool listens only while a client is idle, so
 *   a connection that drops while checked out (between a transaction's
 *   queries) used to take the whole process down. Every client listens for
 *   its lifetime; the pool drops a broken client when it is released (or at
 *   once when idle) and the next query opens a new connection.
 * - A failure of the connection — connecting at all, or any query on a
 *   connection that broke — becomes a StoreUnavailableError (503), while the
 *   server's answers to a query (a constraint, bad input) keep their own
 *   error with its SQLSTATE.
 *
 * @module
 */
import { Client } from "@neondatabase/serverless";
import { StoreUnavailableError } from "../unavailable.ts";

/**
 * SQLSTATEs by which the server refuses the connection rather than the query:
 * connection exceptions (class 08), shutdown and restart (57P01-57P03), and
 * too many connections (53300).
 */
const unavailableStates = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;

/**
 * What connections emitted as their own failure. `pool.query` hands such an
 * error straight to its caller (it listens to the client's `error` event), so
 * the error itself must say that it was the connection's.
 */
const connectionErrors = new WeakSet<object>();

/** Neon's socket settings (the `neonConfig` of one client). */
type SocketConfig = Client["neonConfig"];

/** A `Client` class for pools; with `wsProxy`, one that talks to a local proxy. */
export function neonClientClass(wsProxy?: string): typeof Client {
  return class NeonClient extends Client {
    /** Set once this connection failed: from then on its query errors are the connection's. */
    #broken = false;

    constructor(config?: ConstructorParameters<typeof Client>[0]) {
      super(config);
      if (wsProxy !== undefined) useLocalProxy(this.neonConfig, wsProxy);
      this.on("error", (error: unknown) => {
        this.#broken = true;
        if (typeof error === "object" && error !== null) connectionErrors.add(error);
      });
      this.connect = typedFailures(this.connect.bind(this), () => true, "cannot connect");
      this.query = typedFailures(
        this.query.bind(this),
        (error) => this.#broken || isConnectionFailure(error),
        "the connection failed",
      );
    }
  };
}

/** True for what the server or the network did to a connection, not to one query. */
export function isConnectionFailure(error: unknown): boolean {
  // The driver rejects with the WebSocket's ErrorEvent (not an Error) when the socket fails.
  if (!(error instanceof Error) || connectionErrors.has(error)) return true;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === "string" && unavailableStates.test(code);
}

/**
 * `method` (a driver method taking a callback or returning a promise) with
 * the failures that `isUnavailable` recognises replaced by a
 * StoreUnavailableError caused by them; other outcomes pass unchanged.
 */
export function typedFailures<F extends (...args: never[]) => unknown>(
  method: F,
  isUnavailable: (error: unknown) => boolean,
  reason: string,
): F {
  const typed = (error: unknown) =>
    error instanceof StoreUnavailableError || !isUnavailable(error)
      ? error
      : new StoreUnavailableError("postgres", reason, { cause: error });
  // Unavoidable cast at the end: the wrapper takes and answers exactly what
  // `method` does, but TypeScript cannot prove that for every `F`.
  return ((...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, ...results: unknown[]) =>
        callback(error ? typed(error) : error, ...results);
      return Reflect.apply(method, undefined, args);
    }
    const result: unknown = Reflect.apply(method, undefined, args);
    return result instanceof Promise
      ? result.catch((error: unknown) => Promise.reject(typed(error)))
      : result;
  }) as unknown as F;
}

/**
 * Settings for a plain-WebSocket-to-TCP proxy (tools/neon_ws_proxy.ts) in
 * front of an ordinary PostgreSQL. They live on each client's own
 * `neonConfig` (its socket), not on the global one, so a proxied pool and a
 * real Neon pool can coexist in one process.
 */
function useLocalProxy(socket: SocketConfig, wsProxy: string): void {
  socket.wsProxy = (host, port) => `${wsProxy}/v1?address=${host}:${port}`;
  // The local proxy speaks plain ws:// and Postgres has no TLS on loopback.
  socket.useSecureWebSocket = false;
  // Pipelining assumes Neon's proxy (cleartext password auth, TLS
  // pre-negotiated); a real PostgreSQL needs the ordinary handshake.
  socket.pipelineConnect = false;
  socket.pipelineTLS = false;
}
