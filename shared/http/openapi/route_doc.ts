/**
 * How a route describes itself in the OpenAPI document: one `documented()`
 * middleware, first in the route's chain, next to the validators whose
 * schemas already describe its input (shared/http/validation.ts). See
 * docs/openapi.md for the whole recipe.
 *
 * ```ts
 * .get("/v1/sessions/:id", documented({
 *   summary: "One of the caller's sessions",
 *   tag: "Sessions",
 *   access: "member",
 *   scope: "sessions:read",
 *   responses: { 200: { description: "The session", body: sessionSchema } },
 *   problems: [workoutsProblems.SESSION_NOT_FOUND],
 * }), authenticated, async (c) => ...)
 * ```
 *
 * The problem responses are built from the catalogs' kinds (status, code,
 * title) plus what the route's access and validators imply; see
 * ./worker_document.ts.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { describeRoute, type DescribeRouteOptions, resolver } from "hono-openapi";
import type { OpenAPIV3_1 } from "openapi-types";
import type * as v from "valibot";
import type { ProblemKind } from "../problem.ts";
import type { RequestHeaderName, ResponseHeaderName } from "./components.ts";

/**
 * Who may call a route:
 * - `public`: anyone, no credentials;
 * - `optional`: anyone; a member's token (or key) adds what is theirs;
 * - `member`: a member's access token, or an API key with `scope`;
 * - `session`: a member's access token only — never an API key (keys, password, account);
 * - `admin`: an admin's access token (or an admin's key with `scope`);
 * - `operator`: the operator's token (`/metrics`);
 * - `signed`: a request signed by a provider (Stripe webhooks), no bearer.
 */
export type Access = "public" | "optional" | "member" | "session" | "admin" | "operator" | "signed";

/** One successful (or otherwise non-problem) answer of a route. */
export interface ResponseDoc {
  description: string;
  /** The JSON body's valibot schema (give it `v.metadata({ ref })` to name it in components). */
  body?: v.GenericSchema;
  /** A body that is not JSON: its media type and JSON Schema. */
  raw?: { mediaType: string; schema: OpenAPIV3_1.SchemaObject };
  /** Headers this answer carries, by their name in components.headers. */
  headers?: readonly ResponseHeaderName[];
  /** An example body. */
  example?: unknown;
}

/** Everything the document says about one route. */
export interface RouteDoc {
  summary: string;
  description?: string;
  /** The section of the docs (one per domain: "Sessions", "Inventory"). */
  tag: string;
  access: Access;
  /** The API-key scope that opens the route (`workouts:read`); none: keys cannot call it. */
  scope?: string;
  /** Request headers the route reads (`Idempotency-Key`, `If-Match`, `If-None-Match`). */
  requestHeaders?: readonly (RequestHeaderName | { name: RequestHeaderName; required: true })[];
  /**
   * The body of a route that reads it without `jsonBody()` (whose schema
   * describes it already): a JSON schema, or another media type's.
   */
  requestBody?: v.GenericSchema | { mediaType: string; schema: OpenAPIV3_1.SchemaObject };
  /** Every non-problem status the route answers, with its body and headers. */
  responses: Readonly<Record<number, ResponseDoc>>;
  /**
   * Problems the route raises or relays beyond those implied by its access
   * and validators (401/403/413/415/422/429/5xx are added for you).
   */
  problems?: readonly ProblemKind[];
}

/** Where `documented()` leaves what ./worker_document.ts turns into the final operation. */
export const routeDocExtension = "x-fitconnect-route";

/** What ./worker_document.ts reads from the extension. */
export interface RouteDocNotes {
  access: Access;
  scope?: string;
  problems: { code: string; status: number; title: string }[];
}

/** The describing middleware of a route (it does nothing at run time). */
export function documented(doc: RouteDoc): MiddlewareHandler {
  const responses: Record<string, OpenAPIV3_1.ResponseObject> = {};
  for (const [status, response] of Object.entries(doc.responses)) {
    responses[status] = responseObject(response);
  }
  const parameters = (doc.requestHeaders ?? []).map((header) => {
    const { name, required } = typeof header === "string"
      ? { name: header, required: false }
      : header;
    return { $ref: `#/components/parameters/${parameterName(name)}${required ? "Required" : ""}` };
  });
  const notes: RouteDocNotes = {
    access: doc.access,
    scope: doc.scope,
    problems: (doc.problems ?? []).map(({ code, status, title }) => ({ code, status, title })),
  };
  const spec = {
    ...(doc.requestBody ? { requestBody: requestBodyObject(doc.requestBody) } : {}),
    summary: doc.summary,
    description: doc.description,
    tags: [doc.tag],
    ...(parameters.length > 0
      ? { parameters: parameters as unknown as OpenAPIV3_1.ParameterObject[] }
      : {}),
    responses,
    [routeDocExtension]: notes,
  };
  return describeRoute(spec as DescribeRouteOptions);
}

/** `Idempotency-Key` → `IdempotencyKey` (a component name). */
export function parameterName(header: RequestHeaderName): string {
  return header.replaceAll("-", "");
}

function requestBodyObject(body: NonNullable<RouteDoc["requestBody"]>) {
  const content = "mediaType" in body
    ? { [body.mediaType]: { schema: body.schema } }
    : { "application/json": { schema: resolver(body) } };
  return { required: true, content };
}

function responseObject(response: ResponseDoc): OpenAPIV3_1.ResponseObject {
  const headers = Object.fromEntries(
    (response.headers ?? []).map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  );
  const example = response.example === undefined ? {} : { example: response.example };
  const content = response.body || response.raw
    ? {
      ...(response.body
        ? { "application/json": { schema: resolver(response.body), ...example } }
        : {}),
      ...(response.raw ? { [response.raw.mediaType]: { schema: response.raw.schema } } : {}),
    }
    : undefined;
  return {
    description: response.description,
    ...(response.headers?.length ? { headers } : {}),
    // deno-lint-ignore no-explicit-any
    ...(content ? { content: content as any } : {}),
  };
}
