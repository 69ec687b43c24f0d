/**
 * RFC 9457 problem details: the one error type every worker throws and renders.
 *
 * A `Problem` is raised from an entry of a catalog: a typed const object made
 * by `defineProblems`, mapping each stable UPPER_SNAKE code to the HTTP status
 * and title it always has, so a code means the same thing on every route, in
 * REST and in GraphQL. The platform's catalog is `platformProblems`; each
 * worker exports its own from its `contracts.ts`. A code that no catalog
 * defines does not compile:
 *
 * ```ts
 * throw new Problem(authProblems.EMAIL_TAKEN, "An account with this email already exists.");
 * ```
 *
 * A problem received from another worker and passed on as it was said is
 * raised again with `Problem.relayed`, which keeps its status, code and title.
 *
 * @module
 */

declare const catalogued: unique symbol;

/** One code of a catalog, with the status and title it always has. */
export interface ProblemKind<Code extends string = string> {
  readonly code: Code;
  readonly status: number;
  readonly title: string;
  /** Only `defineProblems` (and `Problem.relayed`) make a kind: a code written by hand does not compile. */
  readonly [catalogued]: true;
}

/** How a catalog is written: each code's status and title. */
export type ProblemDefinitions = Record<
  string,
  { readonly status: number; readonly title: string }
>;

/** The catalog of `definitions`: each entry carries its own code. */
export type ProblemCatalog<D extends ProblemDefinitions> = {
  readonly [Code in keyof D & string]: ProblemKind<Code>;
};

/** A catalog of `definitions`, each entry stamped with its key as its code. */
export function defineProblems<const D extends ProblemDefinitions>(
  definitions: D,
): ProblemCatalog<D> {
  const entries = Object.entries(definitions).map(([code, { status, title }]) =>
    [code, Object.freeze({ code, status, title })] as const
  );
  return Object.freeze(Object.fromEntries(entries)) as ProblemCatalog<D>;
}

/** Codes shared by every worker. */
export const platformProblems = defineProblems({
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
});

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

/** The documentation URI of a code: `VALIDATION_FAILED` → `.../problems/validation-failed`. */
export function problemType(code: string): string {
  let type = problemTypes.get(code);
  if (type === undefined) {
    type = `https://fitconnect.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`;
    // Codes come from catalogs (and peers' answers): few, so each is spelled once.
    if (problemTypes.size < 1_000) problemTypes.set(code, type);
  }
  return type;
}

const problemTypes = new Map<string, string>();

/** What a relayed problem keeps of the body it was received as. */
export type ReceivedProblem = Pick<ProblemBody, "status" | "code" | "title" | "detail" | "errors">;

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

  constructor(kind: ProblemKind, detail: string, options: ProblemOptions = {}) {
    // A problem is an expected answer, not a fault: capturing its stack would
    // cost more than the rest of the response and nobody reads it.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail, { cause: options.cause });
    Error.stackTraceLimit = limit;
    this.name = "Problem";
    this.code = kind.code;
    this.status = kind.status;
    this.title = kind.title;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  /**
   * A problem another worker answered (or this one stored), raised again as
   * it was said: its status, code, title and errors are kept, not looked up.
   */
  static relayed(received: ReceivedProblem, options: ProblemOptions = {}): Problem {
    const { status, code, title, detail, errors } = received;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new Error(`Cannot relay problem ${code}: ${status} is not an error status`);
    }
    // The one kind not made by `defineProblems`: its code is the sender's.
    const kind = { code, status, title } as ProblemKind;
    return new Problem(kind, detail, { errors, ...options });
  }

  /** The body as sent, stamped with the request it answers. */
  toJSON(requestId: string): ProblemBody {
    return problemBody(this, this.detail, requestId, this);
  }

  /** The `application/problem+json` response (hono's `getResponse()` convention). */
  getResponse(requestId: string): Response {
    return problemResponse(this.toJSON(requestId), this.headers);
  }
}

/**
 * The body of a problem of `kind`, stamped with the request it answers. A
 * route that answers a problem rather than throwing one (the 404 of an
 * unknown path, on every miss) renders it with this and `problemResponse`:
 * constructing an `Error` walks the stack, which costs more than the rest of
 * the answer.
 */
export function problemBody(
  kind: Pick<ProblemKind, "code" | "status" | "title">,
  detail: string,
  requestId: string,
  options: Pick<ProblemOptions, "errors" | "extensions"> = {},
): ProblemBody {
  return {
    ...options.extensions,
    type: problemType(kind.code),
    title: kind.title,
    status: kind.status,
    detail,
    code: kind.code,
    requestId,
    ...(options.errors ? { errors: options.errors } : {}),
  };
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
