/**
 * Forwarding a public request to the worker that owns it.
 *
 * @module
 */
import type { Context } from "hono";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { Problem } from "../../shared/http/problem.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";

/** Sends the request on with its request id; a worker that cannot be reached is a 503, never a 500. */
export async function forward(
  c: Context<WorkerEnv>,
  binding: ServiceBinding,
  worker: string,
): Promise<Response> {
  const request = new Request(c.req.raw);
  request.headers.set("x-request-id", c.var.requestId);
  let response: Response;
  try {
    response = await binding.fetch(request);
  } catch (error) {
    c.var.log.warn("upstream unreachable", { upstream: worker, error: String(error) });
    throw new Problem("SERVICE_UNAVAILABLE", `The ${worker} service is unavailable; try again.`, {
      headers: { "retry-after": "1" },
    });
  }
  // A fetched response's headers are immutable; the gateway's middleware adds its own.
  return new Response(response.body, response);
}
