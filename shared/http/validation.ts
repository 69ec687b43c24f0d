/**
 * Request validation at the edge: JSON bodies and query strings checked with
 * valibot, every failure rendered as problem+json.
 *
 * These middlewares have the same type shape as hono's `validator`, so
 * `c.req.valid("json")` is typed in handlers and `hc` clients see the input.
 *
 * @module
 */
import type { Env, MiddlewareHandler, ValidationTargets } from "hono";
import * as v from "valibot";
import { type FieldError, Problem } from "./problem.ts";

/** Escapes one JSON Pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
function pointerSegment(key: unknown): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A readable sentence for one valibot issue, without echoing long input. */
function issueDetail(issue: v.BaseIssue<unknown>): string {
  if (issue.input === undefined && issue.kind === "schema") return "is required";
  return issue.message;
}

/** Turns valibot issues into `errors[]` entries: body issues as JSON Pointers, query issues by name. */
export function fieldErrors(
  issues: readonly v.BaseIssue<unknown>[],
  source: "body" | "query",
): FieldError[] {
  return issues.map((issue) => {
    const keys = issue.path?.map((item) => item.key) ?? [];
    const pointer = source === "query"
      ? keys.map(String).join(".")
      : keys.map((key) => "/" + pointerSegment(key)).join("");
    return { pointer, detail: issueDetail(issue) };
  });
}

/** Throws 422 VALIDATION_FAILED when `input` does not satisfy `schema`, else returns the output. */
export function validateOrThrow<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  source: "body" | "query",
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw new Problem("VALIDATION_FAILED", `The request ${source} is not valid.`, {
    errors: fieldErrors(result.issues, source),
  });
}

/** True for `application/json` and `application/*+json` media types, with any parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** Reads a JSON body: 415 for another media type, 400 MALFORMED_JSON for text that is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  if (!isJsonMediaType(request.headers.get("content-type") ?? undefined)) {
    throw new Problem("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.", {
      headers: { accept: "application/json" },
    });
  }
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Problem("MALFORMED_JSON", "The request body is not valid JSON.", { cause: error });
  }
}

/**
 * The pointer of the first string (value or key) holding a NUL character:
 * Postgres cannot store one, so it is refused at the edge like any bad value.
 */
function nulPointer(value: unknown, pointer = ""): string | undefined {
  if (typeof value === "string") return value.includes("\0") ? pointer : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const inner = `${pointer}/${pointerSegment(key)}`;
    if (key.includes("\0")) return inner;
    const found = nulPointer(item, inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** 422 when `input` holds a NUL character anywhere. */
function refuseNul(input: unknown, source: "body" | "query"): void {
  const pointer = nulPointer(input);
  if (pointer === undefined) return;
  throw new Problem("VALIDATION_FAILED", `The request ${source} is not valid.`, {
    errors: [{
      pointer: source === "query" ? pointer.slice(1) : pointer,
      detail: "must not contain NUL characters",
    }],
  });
}

type Validated<Target extends keyof ValidationTargets, S extends v.GenericSchema> = {
  in: { [K in Target]: v.InferInput<S> };
  out: { [K in Target]: v.InferOutput<S> };
};

/** Validates the JSON body against `schema`; handlers read it with `c.req.valid("json")`. */
export function jsonBody<S extends v.GenericSchema, E extends Env = Env, P extends string = string>(
  schema: S,
): MiddlewareHandler<E, P, Validated<"json", S>> {
  return async (c, next) => {
    const body = await readJson(c.req.raw);
    // Every body of the API is an object; valibot would read `[]` as `{}`.
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new Problem("VALIDATION_FAILED", "The request body must be a JSON object.", {
        errors: [{ pointer: "", detail: "must be a JSON object" }],
      });
    }
    refuseNul(body, "body");
    const output = validateOrThrow(schema, body, "body");
    c.req.addValidatedData("json", output as never);
    await next();
  };
}

/** Validates the query string against `schema`; handlers read it with `c.req.valid("query")`. */
export function queryParams<
  S extends v.GenericSchema,
  E extends Env = Env,
  P extends string = string,
>(schema: S): MiddlewareHandler<E, P, Validated<"query", S>> {
  return async (c, next) => {
    const query = c.req.query();
    refuseNul(query, "query");
    const output = validateOrThrow(schema, query, "query");
    c.req.addValidatedData("query", output as never);
    await next();
  };
}
