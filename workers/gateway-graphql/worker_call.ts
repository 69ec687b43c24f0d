/**
 * How resolvers call a domain worker: the same REST route a third party
 * would use, through a binding that forwards for clients (never signed with
 * the internal secret: a resolver acts for the client, not for the
 * platform), with the caller's credentials, request id and attested client
 * address. A problem+json answer becomes a GraphQL
 * error with the same code.
 *
 * @module
 */
import type { Context } from "hono";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { attestClientIp, requestClientIp } from "../../shared/http/client_ip.ts";
import { platformProblems, type ProblemBody } from "../../shared/http/problem.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { clientError, relayedError } from "./errors.ts";
import { graphqlProblems } from "./problems.ts";

/** Calls one REST route of a worker for the current GraphQL request. */
export type WorkerCall = <T = unknown>(
  binding: ServiceBinding,
  method: string,
  path: string,
  body?: unknown,
  /** Extra request headers (e.g. `Idempotency-Key`). */
  extraHeaders?: Record<string, string>,
) => Promise<T>;

/** A `WorkerCall` bound to this request's context. */
export function workerCall(c: Context<WorkerEnv>, internalSecret: string): WorkerCall {
  const requestId = c.get("requestId");
  const authorization = c.req.raw.headers.get("authorization");
  const clientIp = requestClientIp(c, internalSecret);
  return async <T>(
    binding: ServiceBinding,
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ) => {
    const headers: Record<string, string> = {
      ...extraHeaders,
      "x-request-id": requestId,
    };
    if (authorization) headers.authorization = authorization;
    if (body !== undefined) headers["content-type"] = "application/json";
    // Built outside the `try`: a request that cannot be built is no outage.
    const request = new Request(workerUrl(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    attestClientIp(request.headers, clientIp, internalSecret);
    let response: Response;
    try {
      response = await binding.fetch(request);
    } catch {
      throw clientError(
        platformProblems.SERVICE_UNAVAILABLE,
        "A service is unavailable; try again.",
        { requestId },
      );
    }
    if (response.status === 204) return null as T;
    const payload = await response.json();
    if (response.ok) return payload as T;
    throw relayedError(payload as ProblemBody, requestId);
  };
}

/**
 * The worker URL of `path`, which must reach the worker exactly as written:
 * were a segment resolved away (`..`), a client argument would be choosing
 * the route. Resolvers encode every id (./path_segment.ts); this is the
 * backstop for one that forgets.
 */
export function workerUrl(path: string): URL {
  const url = new URL(`http://worker.internal${path}`);
  const written = path.split("?", 1)[0];
  if (!path.startsWith("/") || url.pathname !== written) {
    throw clientError(graphqlProblems.ID_INVALID, "An argument is not a valid identifier.");
  }
  return url;
}

/**
 * The input without absent or null members, at any depth: in GraphQL an
 * optional argument given as `null` means "not given", which the REST body
 * says by leaving the member out.
 */
export function withoutNulls<T>(input: T): T {
  if (Array.isArray(input)) return input.map(withoutNulls) as T;
  if (input === null || typeof input !== "object") return input;
  return Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, withoutNulls(value)]),
  ) as T;
}
