/**
 * Typed clients over service bindings: `hc<App>` with the binding as its
 * `fetch`, so a call to another worker is checked against that worker's
 * routes at compile time and carries the caller's request id.
 *
 * @module
 */
import type { Hono } from "hono";
import { hc } from "hono/client";
import type { ServiceBinding } from "./service_binding.ts";

/** Options of a client for one request's calls. */
export interface WorkerClientOptions {
  /** Forwarded as `x-request-id`, so the callee's logs join the caller's. */
  requestId?: string;
}

// hc's own constraint: a concrete app's handler types are not assignable to
// `Hono<Env, Schema, string>`, so `any` is the only bound that admits every app.
// deno-lint-ignore no-explicit-any
type AnyHono = Hono<any, any, any>;

/** A typed client of the worker behind `binding`. */
export function createWorkerClient<App extends AnyHono>(
  binding: ServiceBinding,
  options: WorkerClientOptions = {},
) {
  // The origin is a placeholder: the binding decides where the request goes.
  return hc<App>("http://worker.internal", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      binding.fetch(new Request(input, init)),
    headers: options.requestId ? { "x-request-id": options.requestId } : {},
  });
}
