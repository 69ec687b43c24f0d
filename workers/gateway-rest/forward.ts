/**
 * Forwarding a public request to the worker that owns it.
 *
 * @module
 */
import type { Context } from "hono";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { Problem } from "../../shared/http/problem.ts";
import { clientIpHeader, connectionIp, resolveClientIp } from "../../shared/http/client_ip.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";

/** Sends the request on with its request id; a worker that cannot be reached is a 503, never a 500. */
export async function forward(
  c: Context<WorkerEnv>,
  binding: ServiceBinding,
  worker: string,
  trustedProxies: readonly string[] = [],
): Promise<Response> {
  const incoming = c.req.raw;
  // A fresh request rather than `new Request(incoming)`: copying a received
  // request also links its abort signal, which costs more than the whole hop.
  const request = new Request(incoming.url, {
    method: incoming.method,
    headers: incoming.headers,
    body: incoming.body,
    // @ts-ignore: `duplex` is required by fetch for streamed bodies but missing from RequestInit's type.
    duplex: "half",
  });
  request.headers.set("x-request-id", c.get("requestId"));
  // Whatever a client sent in this header is replaced: only the gateway says who the client is.
  request.headers.set(
    clientIpHeader,
    resolveClientIp(
      connectionIp(c),
      incoming.headers.get("x-forwarded-for") ?? undefined,
      trustedProxies,
    ),
  );
  let response: Response;
  try {
    response = await binding.fetch(request);
  } catch (error) {
    c.get("log").warn("upstream unreachable", { upstream: worker, error: String(error) });
    throw new Problem("SERVICE_UNAVAILABLE", `The ${worker} service is unavailable; try again.`, {
      headers: { "retry-after": "1" },
    });
  }
  // The gateway's middleware adds headers. An in-process worker's response
  // takes them as it is (re-wrapping would turn its body into a stream, the
  // slow path of the HTTP server); a fetched one has immutable headers and
  // must be copied.
  try {
    response.headers.set("x-request-id", c.get("requestId"));
    return response;
  } catch {
    return new Response(response.body, response);
  }
}
