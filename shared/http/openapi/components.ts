/**
 * The parts of the OpenAPI document every worker shares: the problem+json
 * schema, the security schemes, and the headers routes refer to by name.
 * Routes never spell these out; `documented()` (./route_doc.ts) refers to
 * them, so one definition serves every operation.
 *
 * @module
 */
import type { OpenAPIV3_1 } from "openapi-types";

/** Response headers routes name in `documented({ responses: { 200: { headers } } })`. */
export const responseHeaders = {
  ETag: {
    description: "A strong validator of the representation; send it back in `If-None-Match` " +
      "(reads) or `If-Match` (updates).",
    schema: { type: "string", pattern: '^(W/)?"[^"]*"$' },
    example: '"5d41402abc4b2a76b9719d91"',
  },
  "Cache-Control": {
    description: "How long browsers and shared caches may keep the answer.",
    schema: { type: "string" },
  },
  Location: {
    description: "The URL of the resource this request created (or is computing).",
    schema: { type: "string" },
    example: "/v1/workouts/wk_123",
  },
  Link: {
    description: 'RFC 8288 links: `<…?cursor=…>; rel="next"` when there is a next page.',
    schema: { type: "string" },
    example: '</v1/sessions?limit=20&cursor=eyJrIjoic2UifQ>; rel="next"',
  },
  "Retry-After": {
    description: "Seconds to wait before trying again.",
    schema: { type: "string", pattern: "^[0-9]+$" },
    example: "30",
  },
  "RateLimit-Policy": {
    description: "IETF RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers): the quota that " +
      'applies to this caller, e.g. `"default";q=600;w=60` (600 requests per 60 s).',
    schema: { type: "string" },
    example: '"default";q=600;w=60',
  },
  RateLimit: {
    description: "IETF RateLimit: what is left of the quota and when it resets, e.g. " +
      '`"default";r=599;t=42`.',
    schema: { type: "string" },
    example: '"default";r=599;t=42',
  },
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer to an earlier request with the same " +
      "`Idempotency-Key`.",
    schema: { type: "string", enum: ["true"] },
  },
} as const satisfies Record<string, OpenAPIV3_1.HeaderObject>;

/** The name of a documented response header. */
export type ResponseHeaderName = keyof typeof responseHeaders;

/** Headers every response may carry (the rate-limit pair), documented on each response. */
export const everyResponseHeaders: readonly ResponseHeaderName[] = [
  "RateLimit-Policy",
  "RateLimit",
];

/** Request headers routes name in `documented({ requestHeaders })`. */
export const requestHeaders = {
  "Idempotency-Key": {
    description: "A unique key per logical operation (a UUID is fine). Retrying with the same " +
      "key and body returns the first answer; the same key with another body is 409 " +
      "`IDEMPOTENCY_KEY_REUSED`.",
    schema: { type: "string", minLength: 1, maxLength: 255 },
    example: "3f1c2a9e-6b1d-4f0a-9d55-0c4f6f1b8e21",
  },
  "If-Match": {
    description: "Apply the change only if the resource still has this `ETag`; otherwise 412.",
    schema: { type: "string" },
    example: '"5d41402abc4b2a76b9719d91"',
  },
  "If-None-Match": {
    description: "Answer 304 with no body if the representation still has this `ETag`.",
    schema: { type: "string" },
    example: '"5d41402abc4b2a76b9719d91"',
  },
} as const satisfies Record<string, Omit<OpenAPIV3_1.ParameterObject, "name" | "in">>;

/** The name of a documented request header. */
export type RequestHeaderName = keyof typeof requestHeaders;

const fieldError: OpenAPIV3_1.SchemaObject = {
  type: "object",
  properties: {
    pointer: {
      type: "string",
      description: "A JSON Pointer into the body (`/entries/0/sets/1/rpe`) or a query " +
        "parameter's name.",
    },
    detail: { type: "string" },
  },
  required: ["pointer", "detail"],
};

/** RFC 9457 problem details, as every error of the API is answered. */
const problem: OpenAPIV3_1.SchemaObject = {
  type: "object",
  description: "RFC 9457 problem details. `code` is stable; `title` and `detail` are for humans.",
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string" },
    code: { type: "string", pattern: "^[A-Z][A-Z0-9_]*$" },
    requestId: { type: "string" },
    errors: { type: "array", items: { $ref: "#/components/schemas/FieldError" } },
    // Extensions some codes carry (INSUFFICIENT_SCOPE names its scope).
    scope: { type: "string" },
  },
  required: ["type", "title", "status", "detail", "code", "requestId"],
};

/** Components shared by every worker's document (and so by the gateway's). */
export const sharedComponents = {
  schemas: { Problem: problem, FieldError: fieldError },
  headers: responseHeaders,
  securitySchemes: {
    bearerAuth: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: "A member's access token from `POST /v1/auth/login` (15 minutes; refresh " +
        "with `POST /v1/auth/refresh`).",
    },
    apiKey: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "fck_…",
      description: "A third party's API key (`Authorization: Bearer fck_…`), made with " +
        "`POST /v1/api-keys`. It acts for its owner within its scopes; a route outside them " +
        "answers 403 `INSUFFICIENT_SCOPE`.",
    },
    operatorToken: {
      type: "http",
      scheme: "bearer",
      description: "The operator's `FITCONNECT_METRICS_TOKEN` (Prometheus scrapes).",
    },
  },
} satisfies OpenAPIV3_1.ComponentsObject;
