/**
 * Typed clients over service bindings: `hc<App>` with the binding as its
 * `fetch`, so a call to another worker is checked against that worker's
 * routes at compile time and carries the caller's request id. This is the
 * only way one worker calls another (each worker's `client.ts` names its
 * app); `answerOf` turns the answer into a value or the callee's problem.
 *
 * ```ts
 * const users = createUsersClient(deps.users, { requestId });
 * const answer = await answerOf(
 *   await users.internal.profiles[":userId"].$get({ param: { userId: encodeURIComponent(id) } }),
 *   [404],
 * );
 * if (!answer.ok) return null; // 404: the problem body is in answer.problem
 * ```
 *
 * hc puts `param` values into the path as given: encode them. A path the URL
 * parser would rewrite (`..`, `.`, an unencoded space) is never sent.
 *
 * @module
 */
import type { Hono } from "hono";
import { hc } from "hono/client";
import type { ProblemBody } from "../http/problem.ts";
import type { ServiceBinding } from "./service_binding.ts";

/** Options of a client for one request's calls. */
export interface WorkerClientOptions {
  /** Forwarded as `x-request-id`, so the callee's logs join the caller's. */
  requestId?: string;
  /** Sent with every call (a gateway's forwarded credentials, for one). */
  headers?: Record<string, string>;
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
  return hc<App>(origin, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      binding.fetch(new Request(exactUrl(String(input)), init)),
    headers: {
      ...options.headers,
      ...(options.requestId ? { "x-request-id": options.requestId } : {}),
    },
  });
}

/**
 * The `create<Worker>Client` function of one worker's `client.ts`: its typed
 * client over a binding, carrying the caller's request id and headers.
 */
export function workerClientFactory<App extends AnyHono>() {
  return (binding: ServiceBinding, options: WorkerClientOptions = {}) =>
    createWorkerClient<App>(binding, options);
}

/** A placeholder: the binding decides where the request goes. */
const origin = "http://worker.internal";

/** A path that would reach another route than the one written (see `exactUrl`). */
export class PathRewritten extends TypeError {
  constructor(readonly path: string) {
    super(`Cannot call ${JSON.stringify(path)}: a URL parser would rewrite it`);
    this.name = "PathRewritten";
  }
}

/**
 * The URL of `input` as written, or PathRewritten: were a segment resolved
 * away (`..`) or re-encoded, a value put into the path would be choosing the
 * route. Callers encode every value (`encodeURIComponent`); this is the
 * backstop for one that forgets.
 */
export function exactUrl(input: string): URL {
  const url = new URL(input);
  const written = input.slice(url.origin.length).split(/[?#]/, 1)[0];
  if (!written.startsWith("/") || url.pathname !== written) throw new PathRewritten(written);
  return url;
}

/** What a call answered: a success's body, or the problem a refusal carried. */
export type WorkerAnswer<T, S extends number = number> =
  | { ok: true; status: number; value: T }
  | { ok: false; status: S; problem: ProblemBody };

/** A response, typed (hc's) or not. */
export type WorkerResponse = { status: number; text(): Promise<string>; json(): Promise<unknown> };

/** The body type of a typed response (a union over its statuses). */
export type BodyOf<R> = R extends { json(): Promise<infer T> } ? T : never;

/** An answer outside the contract: no problem body, or a status the caller does not expect. */
export class UnexpectedAnswer extends Error {
  constructor(readonly status: number, excerpt: string) {
    super(`The worker answered ${status} ${excerpt.slice(0, 200)}`);
    this.name = "UnexpectedAnswer";
  }
}

/**
 * Reads a worker's answer. A 2xx is `{ ok: true, value }` (null without a
 * body, as a 204); a refusal with a problem+json body is `{ ok: false,
 * problem }` when its status is one of `refusals` (any, when not given).
 * Anything else throws UnexpectedAnswer: callers treat it as the worker
 * being unable to answer, never as a refusal they know.
 */
export async function answerOf<R extends WorkerResponse, S extends number>(
  response: R,
  refusals?: readonly S[],
): Promise<WorkerAnswer<BodyOf<R>, S>> {
  const { status } = response;
  const text = await response.text();
  if (status >= 200 && status < 300) {
    return { ok: true, status, value: (text === "" ? null : JSON.parse(text)) as BodyOf<R> };
  }
  if (!refusals || (refusals as readonly number[]).includes(status)) {
    const problem = problemIn(text);
    if (problem) return { ok: false, status: status as S, problem };
  }
  throw new UnexpectedAnswer(status, text);
}

/** The problem+json body in `text`, or undefined when it is not one. */
function problemIn(text: string): ProblemBody | undefined {
  try {
    const body = JSON.parse(text);
    return typeof body?.code === "string"
      ? { ...body, detail: String(body.detail ?? "") }
      : undefined;
  } catch {
    return undefined;
  }
}
