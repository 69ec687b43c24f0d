/**
 * Service bindings: how one worker calls another.
 *
 * A binding is anything with `fetch(request)` — the shape of Cloudflare's and
 * Deno Deploy's service bindings. In the embedded default it calls the other
 * worker's app in the same process; split and in production it goes over HTTP.
 * Callers cannot tell which, so the same code runs all three ways.
 *
 * Every call carries the internal secret, which is what lets a worker tell a
 * peer's request from a stranger's on its `/internal/*` routes.
 *
 * @module
 */

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

/** Options shared by both kinds of binding. */
export interface BindingOptions {
  /** The platform's internal secret, sent with every request. */
  internalSecret: string;
  /** How long a call may take before it fails with a timeout (default 10 s). */
  timeoutMs?: number;
}

function withSecret(request: Request, url: string, secret: string): Request {
  const forwarded = new Request(url, request);
  forwarded.headers.set(internalSecretHeader, secret);
  return forwarded;
}

/** Adds the secret in place when the request's headers are mutable (no copy on the hot path). */
function signInPlace(request: Request, secret: string): Request {
  try {
    request.headers.set(internalSecretHeader, secret);
    return request;
  } catch {
    // A received request's headers are immutable: send a copy.
    return withSecret(request, request.url, secret);
  }
}

/** A binding that calls `target` in this process. `target` may be resolved lazily (for cycles). */
export function inProcessBinding(
  target: Fetcher | (() => Fetcher),
  options: BindingOptions,
): ServiceBinding {
  const resolve = typeof target === "function" ? target : () => target;
  return {
    async fetch(request) {
      return await resolve().fetch(signInPlace(request, options.internalSecret));
    },
  };
}

/** A binding that calls the worker at `baseUrl` over HTTP, keeping path and query. */
export function httpBinding(baseUrl: string, options: BindingOptions): ServiceBinding {
  const base = new URL(baseUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async fetch(request) {
      const source = new URL(request.url);
      const url = new URL(source.pathname + source.search, base);
      const forwarded = withSecret(request, url.href, options.internalSecret);
      return await fetch(forwarded, {
        signal: AbortSignal.any([forwarded.signal, AbortSignal.timeout(timeoutMs)]),
        redirect: "manual",
      });
    },
  };
}
