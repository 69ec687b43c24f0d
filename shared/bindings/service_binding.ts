/**
 * Service bindings: how one worker calls another.
 *
 * A binding is anything with `fetch(request)` — the shape of Cloudflare's and
 * Deno Deploy's service bindings. In the embedded default it calls the other
 * worker's app in the same process; split and in production it goes over HTTP.
 * Callers cannot tell which, so the same code runs all three ways.
 *
 * Trust is set when a binding is made, never taken from the request:
 *
 * - `{ internalSecret }` — the worker's own calls (clients, relays, health,
 *   metrics collection). Every request carries the secret, which is what opens
 *   a peer's `/internal/*` routes.
 * - `{ forwardsClients: true }` — a gateway passing a client's request on.
 *   Whatever secret header the request holds is removed, so no path trick at
 *   the edge can ever reach `/internal/*` behind it.
 *
 * Every call has a deadline, and every binding a circuit breaker: a slow or
 * dead peer yields fast 503 problems with `Retry-After`, not a pile-up.
 *
 * @module
 */
import { type Breaker, type BreakerOptions, createBreaker } from "../resilience/breaker.ts";
import { withinDeadline } from "../resilience/deadline.ts";
import { platformProblems, Problem } from "../http/problem.ts";

/** The header that carries the platform's internal secret between workers. */
export const internalSecretHeader = "x-fitconnect-internal";

/** Anything that answers requests: another worker, near or far. */
export interface ServiceBinding {
  fetch(request: Request): Promise<Response>;
}

/** Something with a `fetch` method, such as a Hono app (the second argument is Hono's `env`). */
export interface Fetcher {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/** Whose request a binding carries: the worker's own (signed) or a client's (never signed). */
export type BindingTrust = { internalSecret: string } | { forwardsClients: true };

/** Options shared by both kinds of binding. */
export type BindingOptions = BindingTrust & {
  /** The peer's name, for the 503's detail (default "peer"). */
  peer?: string;
  /** How long a call may take before it fails with a 503 (default 10 s). */
  timeoutMs?: number;
  /** When the binding stops calling a failing peer (see shared/resilience/breaker.ts). */
  breaker?: BreakerOptions;
};

const defaultTimeoutMs = 10_000;

/** A binding that calls `target` in this process. `target` may be resolved lazily (for cycles). */
export function inProcessBinding(
  target: Fetcher | (() => Fetcher),
  options: BindingOptions,
): ServiceBinding {
  const resolve = typeof target === "function" ? target : () => target;
  const guard = guarded(options);
  return {
    fetch: (request) =>
      guard(() => Promise.resolve(resolve().fetch(withTrust(request, request.url, options)))),
  };
}

/** A binding that calls the worker at `baseUrl` over HTTP, keeping path and query. */
export function httpBinding(baseUrl: string, options: BindingOptions): ServiceBinding {
  const base = new URL(baseUrl);
  const guard = guarded(options);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  return {
    fetch(request) {
      const source = new URL(request.url);
      const url = new URL(source.pathname + source.search, base);
      const forwarded = withTrust(request, url.href, options, true);
      return guard(() =>
        fetch(forwarded, {
          // The deadline also aborts the socket, so nothing is left waiting behind it.
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "manual",
        })
      );
    },
  };
}

/**
 * Spreads calls over `bindings`, one after the other: several processes of
 * one worker (split's `--replicas`), each binding with its own breaker.
 */
export function roundRobinBinding(bindings: readonly ServiceBinding[]): ServiceBinding {
  if (bindings.length === 1) return bindings[0];
  let next = 0;
  return {
    fetch(request) {
      const binding = bindings[next];
      next = (next + 1) % bindings.length;
      return binding.fetch(request);
    },
  };
}

/** The request as the peer must see it: signed, or stripped of any secret a client put in it. */
function withTrust(
  request: Request,
  url: string,
  trust: BindingTrust,
  copy = url !== request.url,
): Request {
  let outgoing = copy ? new Request(url, request) : request;
  try {
    setTrust(outgoing.headers, trust);
  } catch {
    // A received request's headers are immutable: send a copy.
    outgoing = new Request(url, request);
    setTrust(outgoing.headers, trust);
  }
  return outgoing;
}

function setTrust(headers: Headers, trust: BindingTrust): void {
  if ("internalSecret" in trust) headers.set(internalSecretHeader, trust.internalSecret);
  else headers.delete(internalSecretHeader);
}

/** Runs calls under the binding's deadline and breaker; failures become 503 problems. */
function guarded(options: BindingOptions) {
  const breaker: Breaker = createBreaker(options.breaker);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const peer = options.peer ?? "peer";
  const timedOut = () => new DeadlineExceeded(timeoutMs);
  return async (call: () => Promise<Response>): Promise<Response> => {
    const waitMs = breaker.waitMs();
    if (waitMs > 0) throw unavailable(peer, waitMs, "it failed repeatedly");
    try {
      const response = await withinDeadline(call(), timeoutMs, timedOut);
      breaker.succeeded();
      return response;
    } catch (error) {
      if (error instanceof Problem) {
        // A problem the callee's own code raised in-process is an answer, not an outage.
        breaker.succeeded();
        throw error;
      }
      breaker.failed();
      throw unavailable(peer, 1_000, String(error), error);
    }
  };
}

/** A call that outlived its binding's deadline. */
export class DeadlineExceeded extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = "DeadlineExceeded";
  }
}

function unavailable(peer: string, retryMs: number, reason: string, cause?: unknown): Problem {
  return new Problem(
    platformProblems.SERVICE_UNAVAILABLE,
    `The ${peer} service is unavailable; try again.`,
    {
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryMs / 1000))) },
      cause: cause ?? new Error(reason),
    },
  );
}
