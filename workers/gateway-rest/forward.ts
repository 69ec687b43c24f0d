/**
 * Forwarding a public request to the worker that owns it.
 *
 * The request goes on through a binding made with `forwardsClients` (see
 * shared/bindings), so it never carries the internal secret: what a client
 * sends can reach only the routes any client may call.
 *
 * @module
 */
import type { Context } from "hono";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import {
  attestation,
  attestationHeaders,
  connectionIp,
  resolveClientIp,
} from "../../shared/http/client_ip.ts";
import { rawPathOf } from "../../shared/http/safe_path.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { encodingBlind } from "./compression.ts";

/** What forwarding needs besides the request. */
export interface ForwardOptions {
  /** The upstream worker's name, for the log. */
  name: string;
  /** Signs the client address the gateway attests (never sent itself). */
  internalSecret: string;
  /** Proxies whose `X-Forwarded-For` is believed. */
  trustedProxies?: readonly string[];
}

/** Sends the request on with its request id; a worker that cannot be reached is a 503, never a 500. */
export async function forward(
  c: Context<WorkerEnv>,
  upstream: ServiceBinding,
  options: ForwardOptions,
): Promise<Response> {
  const incoming = c.req.raw;
  const id = c.get("requestId");
  // The forwarded headers are built in one pass: what the gateway replaces is left out as it is
  // copied, then added. Whatever a client sent in these headers is replaced: only the gateway says
  // who the client is, and which origin it addressed (the auth worker's cookie mode compares it
  // with `Origin`).
  const headers: [string, string][] = [];
  for (const [name, value] of incoming.headers) {
    if (name === "x-request-id" || attestationHeaders.has(name)) continue;
    const forwarded = encodingBlind(name, value);
    if (forwarded !== undefined) headers.push([name, forwarded]);
  }
  const clientIp = resolveClientIp(
    connectionIp(c),
    incoming.headers.get("x-forwarded-for") ?? undefined,
    options.trustedProxies ?? [],
  );
  headers.push(
    ["x-request-id", id],
    ...attestation(clientIp, options.internalSecret, originOf(incoming.url)),
  );
  // A fresh request rather than `new Request(incoming)`: copying a received
  // request also links its abort signal, which costs more than the whole hop.
  const request = new Request(incoming.url, {
    method: incoming.method,
    headers,
    body: incoming.body,
    // @ts-ignore: `duplex` is required by fetch for streamed bodies but missing from RequestInit's type.
    duplex: "half",
  });
  // The route was matched on the path the client sent: forward exactly that
  // path, or nothing (the edge already refuses paths a parser would rewrite).
  if (request.url !== incoming.url && rawPathOf(request.url) !== rawPathOf(incoming.url)) {
    throw new Problem(
      platformProblems.BAD_REQUEST,
      "The request path is refused: it is not in normal form.",
    );
  }
  let response: Response;
  try {
    response = await upstream.fetch(request);
  } catch (error) {
    // The binding already made it a 503 with Retry-After; the operator wants to know why.
    c.get("log").warn("upstream unavailable", {
      upstream: options.name,
      error: String(error instanceof Error && error.cause ? error.cause : error),
    });
    throw error;
  }
  // The gateway's middleware adds headers. An in-process worker's response
  // takes them as it is (re-wrapping would turn its body into a stream, the
  // slow path of the HTTP server); a fetched one has immutable headers and
  // must be copied.
  // A gateway behind this one (GraphiQL) sets the policy of its own pages.
  if (response.headers.has("content-security-policy")) c.set("documentPolicy", true);
  try {
    response.headers.set("x-request-id", id);
    return response;
  } catch {
    return new Response(response.body, response);
  }
}

/**
 * The origin of a received request's URL, by slicing rather than parsing it
 * again: the URL is already in normal form (the server serialized it), so
 * scheme and host are lowercase and a default port is gone, as in `URL.origin`.
 */
function originOf(url: string): string {
  const end = url.indexOf("/", url.indexOf("://") + 3);
  return end === -1 ? url : url.slice(0, end);
}
