/**
 * RFC 9457 problem details: the one error type every worker throws and renders.
 *
 * A `Problem` carries a stable UPPER_SNAKE `code` from a closed list; the list
 * maps each code to its HTTP status and title so a code always means the same
 * thing on every route, in REST and in GraphQL.
 *
 * @module
 */

/** Codes shared by every worker. Domains extend the list in their `problems.ts`. */
export const platformProblems = {
  BAD_REQUEST: { status: 400, title: "Bad request" },
  MALFORMED_JSON: { status: 400, title: "Malformed JSON" },
  UNAUTHENTICATED: { status: 401, title: "Unauthenticated" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  NOT_FOUND: { status: 404, title: "Not found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  NOT_ACCEPTABLE: { status: 406, title: "Not acceptable" },
  CONFLICT: { status: 409, title: "Conflict" },
  PRECONDITION_FAILED: { status: 412, title: "Precondition failed" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Payload too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
  VALIDATION_FAILED: { status: 422, title: "Validation failed" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  INTERNAL: { status: 500, title: "Internal server error" },
  UPSTREAM_UNAVAILABLE: { status: 502, title: "Upstream unavailable" },
  SERVICE_UNAVAILABLE: { status: 503, title: "Service unavailable" },
} as const satisfies ProblemCatalog;

/** A closed list of codes, each with the status and title it always has. */
export type ProblemCatalog = Record<string, { status: number; title: string }>;

/** One entry of a validation failure: where (`pointer`) and what (`detail`). */
export interface FieldError {
  /** A JSON Pointer into the body (`/entries/0/sets/1/rpe`) or a query parameter's name. */
  pointer: string;
  detail: string;
}

/** The JSON body of every error response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const known: Map<string, { status: number; title: string }> = new Map(
  Object.entries(platformProblems),
);

/** Adds a domain's codes to the closed list; a code may be defined only once. */
export function defineProblems<const C extends ProblemCatalog>(catalog: C): C {
  for (const [code, entry] of Object.entries(catalog)) {
    const existing = known.get(code);
    if (existing && (existing.status !== entry.status || existing.title !== entry.title)) {
      throw new Error(`Cannot define problem ${code}: already defined with another status`);
    }
    known.set(code, entry);
  }
  return catalog;
}

/** The documentation URI of a code: `VALIDATION_FAILED` → `.../problems/validation-failed`. */
export function problemType(code: string): string {
  return `https://fitconnect.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`;
}

/** Options of a thrown problem beyond its code. */
export interface ProblemOptions {
  errors?: FieldError[];
  /** Response headers, e.g. `Retry-After` on 429 or `Allow` on 405. */
  headers?: Record<string, string>;
  /** Extra members of the body (RFC 9457 extensions). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

/** The error every route throws for anything a client should see. */
export class Problem extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(code: string, detail: string, options: ProblemOptions = {}) {
    // A problem is an expected answer, not a fault: capturing its stack would
    // cost more than the rest of the response and nobody reads it.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail, { cause: options.cause });
    Error.stackTraceLimit = limit;
    const entry = known.get(code);
    if (!entry) throw new Error(`Cannot raise problem ${code}: it is not in any catalog`);
    this.name = "Problem";
    this.code = code;
    this.status = entry.status;
    this.title = entry.title;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  /** The body as sent, stamped with the request it answers. */
  toJSON(requestId: string): ProblemBody {
    return {
      ...this.extensions,
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      requestId,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }

  /** The `application/problem+json` response (hono's `getResponse()` convention). */
  getResponse(requestId: string): Response {
    return problemResponse(this.toJSON(requestId), this.headers);
  }
}

/** Renders a problem body with the right media type and the request id header. */
export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: {
      ...headers,
      "content-type": "application/problem+json",
      "x-request-id": body.requestId,
    },
  });
}

/** True for a response that carries a problem body. */
export function isProblemResponse(response: Response): boolean {
  return response.headers.get("content-type")?.startsWith("application/problem+json") ?? false;
}
